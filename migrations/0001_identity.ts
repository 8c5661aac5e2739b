import type { Kysely } from 'kysely';
import { advanceIdSequence, counter, flag, float, TIMESTAMP, withId } from './helpers';

/** Roles, marketing packages, users and their credentials, and the site settings. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('roles'))
    .addColumn('role_name', 'text', (c) => c.notNull().unique())
    .addColumn('role_details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_default', 'integer', flag(0))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .execute();
  // The community document's default roles; `rank` matches its board `permission_for` levels.
  await db
    .insertInto('roles')
    .values([
      { id: 1, role_name: 'Admin', role_details: 'Administrator role with every permission', is_default: 1, rank: 1 },
      {
        id: 3,
        role_name: 'Moderator',
        role_details: 'Moderator role has additional permissions compared to members, to keep discussions organized',
        is_default: 1,
        rank: 5,
      },
      { id: 4, role_name: 'Member', role_details: 'Member role with default permissions', is_default: 1, rank: 10 },
    ])
    .execute();
  await advanceIdSequence(db, 'roles');

  await withId(db, db.schema.createTable('packages'))
    .addColumn('package_name', 'text', (c) => c.notNull())
    .addColumn('module_ids', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('validity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', flag(0))
    .addColumn('visible', 'integer', flag(1))
    .addColumn('highlight', 'integer', flag(0))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('sid', 'text', (c) => c.notNull().unique())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text')
    .addColumn('email_key', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text')
    .addColumn('first_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('gender', 'text')
    .addColumn('birthday', 'text')
    .addColumn('about', 'text')
    .addColumn('avatar', 'text')
    .addColumn('cover', 'text')
    .addColumn('website', 'text')
    .addColumn('working', 'text')
    .addColumn('school', 'text')
    .addColumn('country_id', 'integer')
    .addColumn('relationship_id', 'integer')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('social_links', 'text')
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.id'))
    .addColumn('user_status', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('is_bot', 'integer', flag(0))
    .addColumn('sso_id', 'text', (c) => c.unique())
    .addColumn('verified', 'integer', flag(0))
    .addColumn('is_pro', 'integer', flag(0))
    .addColumn('pro_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('package_id', 'integer', (c) => c.references('packages.id').onDelete('set null'))
    .addColumn('expired_date', TIMESTAMP)
    .addColumn('last_login_at', TIMESTAMP)
    .addColumn('last_login_ip', 'text')
    .addColumn('login_count', 'integer', counter)
    .addColumn('presence', 'text', (c) => c.notNull().defaultTo('offline'))
    .addColumn('last_seen_at', TIMESTAMP)
    .addColumn('lat', float(db))
    .addColumn('lng', float(db))
    .addColumn('follow_privacy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message_privacy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirm_followers', 'integer', flag(0))
    .addColumn('device_id', 'text')
    .addColumn('meta', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_status_id').on('users').columns(['user_status', 'id']).execute();
  await db.schema.createIndex('users_role').on('users').column('role_id').execute();
  await db.schema.createIndex('users_package').on('users').column('package_id').execute();
  await db.schema.createIndex('users_phone').on('users').column('phone').execute();
  await db.schema.createIndex('users_created').on('users').column('created_at').execute();

  await withId(db, db.schema.createTable('access_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('lookup', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('session'))
    .addColumn('device_id', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('last_used_at', TIMESTAMP)
    .addColumn('expires_at', TIMESTAMP)
    .execute();
  await db.schema.createIndex('access_tokens_user').on('access_tokens').column('user_id').execute();

  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lookup', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('last_used_at', TIMESTAMP)
    .addColumn('revoked_at', TIMESTAMP)
    .execute();
  await db.schema.createIndex('api_keys_user').on('api_keys').column('user_id').execute();

  await withId(db, db.schema.createTable('password_resets'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('lookup', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('used_at', TIMESTAMP)
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();

  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['site_settings', 'password_resets', 'api_keys', 'access_tokens', 'users', 'packages', 'roles']) {
    await db.schema.dropTable(table).execute();
  }
}
