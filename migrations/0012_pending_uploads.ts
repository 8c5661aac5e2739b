import type { Kysely } from 'kysely';
import { TIMESTAMP, withId } from './helpers';

/**
 * Files uploaded with `POST /uploads` and not yet used by a mutation: each owned by its uploader,
 * claimed (deleted) in the transaction of the mutation that uses it, or swept with its file once it
 * expires.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('pending_uploads'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', TIMESTAMP, (c) => c.notNull())
    .addColumn('expires_at', TIMESTAMP, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pending_uploads_user').on('pending_uploads').columns(['user_id', 'expires_at']).execute();
  await db.schema.createIndex('pending_uploads_expiry').on('pending_uploads').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_uploads').execute();
}
