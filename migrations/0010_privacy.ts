import type { Kysely } from 'kysely';
import { flag } from './helpers';

/**
 * WoWonder's privacy settings on users, a setting for being found by phone number, and the daily
 * count of phone numbers each account looked up (one row per account, reset on a new day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // WoWonder's share_my_location (default 1), birth_privacy and post_privacy (0 everyone,
  // 1 people I follow, 2 nobody; WoWonder's defaults 0 and 1) and status (shown online, default yes).
  // Being found by phone number is off until the user turns it on: a number given for sign-in or
  // recovery must not become a way to name its owner without their consent.
  await db.schema.alterTable('users').addColumn('share_my_location', 'integer', flag(1)).execute();
  await db.schema
    .alterTable('users')
    .addColumn('birth_privacy', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('post_privacy', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('users').addColumn('show_online', 'integer', flag(1)).execute();
  await db.schema.alterTable('users').addColumn('phone_discoverable', 'integer', flag(0)).execute();

  await db.schema
    .createTable('contact_lookups')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('numbers', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_lookups').execute();
  for (const column of ['phone_discoverable', 'show_online', 'post_privacy', 'birth_privacy', 'share_my_location']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
