import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A user's live contacts have distinct emails and distinct phone numbers, so an import can match a
 * row to the one contact it names. Soft-deleted contacts do not count: their values can be used again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_user_email_live').on('contacts').columns(['user_id', 'email']).unique().where(sql.ref('deleted'), '=', 0).execute();
  await db.schema.createIndex('contacts_user_phone_live').on('contacts').columns(['user_id', 'phone_number']).unique().where(sql.ref('deleted'), '=', 0).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_user_phone_live').execute();
  await db.schema.dropIndex('contacts_user_email_live').execute();
}
