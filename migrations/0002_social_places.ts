import type { Kysely } from 'kysely';
import { counter, flag, TIMESTAMP, withId } from './helpers';

/** The social graph (follows, blocks) and the places content lives in: pages, groups, events. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follows')
    .addColumn('follower_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('following_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'following_id'])
    .execute();
  await db.schema.createIndex('follows_following').on('follows').columns(['following_id', 'status']).execute();

  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('blocks_blocked').on('blocks').column('blocked_id').execute();

  await withId(db, db.schema.createTable('pages'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('page_name', 'text', (c) => c.notNull())
    .addColumn('page_name_key', 'text', (c) => c.notNull().unique())
    .addColumn('page_title', 'text', (c) => c.notNull())
    .addColumn('page_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('page_category', 'text')
    .addColumn('avatar', 'text')
    .addColumn('cover', 'text')
    .addColumn('website', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('verified', 'integer', flag(0))
    .addColumn('promoted', 'integer', flag(0))
    .addColumn('bot_enabled', 'integer', flag(0))
    .addColumn('external_page_id', 'text', (c) => c.unique())
    .addColumn('like_count', 'integer', counter)
    .addColumn('extra', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_owner').on('pages').column('owner_id').execute();

  await db.schema
    .createTable('page_likes')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('page_likes_pk', ['page_id', 'user_id'])
    .execute();
  await db.schema.createIndex('page_likes_user').on('page_likes').column('user_id').execute();

  await withId(db, db.schema.createTable('groups'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('group_name_key', 'text', (c) => c.notNull().unique())
    .addColumn('group_title', 'text', (c) => c.notNull())
    .addColumn('about', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text')
    .addColumn('privacy', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('join_privacy', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('avatar', 'text')
    .addColumn('cover', 'text')
    .addColumn('member_count', 'integer', counter)
    .addColumn('extra', 'text')
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_owner').on('groups').column('owner_id').execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user').on('group_members').column('user_id').execute();

  await withId(db, db.schema.createTable('events'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('cover', 'text')
    .addColumn('going_count', 'integer', counter)
    .addColumn('interested_count', 'integer', counter)
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('updated_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_owner').on('events').column('owner_id').execute();

  await db.schema
    .createTable('event_responses')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_responses_pk', ['event_id', 'user_id', 'response'])
    .execute();
  await db.schema.createIndex('event_responses_user').on('event_responses').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['event_responses', 'events', 'group_members', 'groups', 'page_likes', 'pages', 'blocks', 'follows']) {
    await db.schema.dropTable(table).execute();
  }
}
