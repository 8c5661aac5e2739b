import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../db/dialect';
import type { DB } from '../db/schema';
import type { StoredMedia } from './media-store';

type Db = Kysely<DB> | Transaction<DB>;

/** Files swept in one statement; the sweeper goes on with the next batch on its next round. */
const SWEEP_BATCH = 500;

/** Records a stored file as a pending upload of `userId`, usable until `expiresAt`; returns its row number. */
export async function insertPendingUpload(db: Db, userId: number, stored: StoredMedia, now: Date, expiresAt: Date): Promise<number> {
  const row = await db
    .insertInto('pending_uploads')
    .values({ user_id: userId, path: stored.path, mime_type: stored.mimeType, size: stored.size, kind: stored.kind, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Makes `userId`'s concurrent uploads take turns until the transaction ends, so each counts the
 * pending uploads the others added: on PostgreSQL by locking the user's row (under READ COMMITTED
 * two transactions could both count one below the bound and both insert), in the mode that leaves
 * foreign-key checks on it free. SQLite has one writer at a time already.
 */
export async function lockPendingUploadsOf(trx: Transaction<DB>, userId: number): Promise<void> {
  if (dialectOf(trx) === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
}

/** How many unexpired uploads `userId` has waiting to be used. */
export async function countPendingUploads(db: Db, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('pending_uploads')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The unexpired pending upload `id` of `userId`, or undefined (someone else's, used, expired or unknown). */
export async function findPendingUpload(db: Db, id: number, userId: number, now: Date) {
  return db.selectFrom('pending_uploads').selectAll().where('id', '=', id).where('user_id', '=', userId).where('expires_at', '>', now.toISOString()).executeTakeFirst();
}

/** Whether any of the files at `paths` is a pending upload (of anyone), expired or not: the sweeper will remove it unless a mutation claims it. */
export async function anyPendingUploadPath(db: Db, paths: readonly string[]): Promise<boolean> {
  if (paths.length === 0) return false;
  return (await db.selectFrom('pending_uploads').select('id').where('path', 'in', paths).limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Takes pending upload `id` of `userId` out of the pending list, in the transaction of the change
 * that uses it: true once, for the first transaction that commits; false when it is gone or expired.
 */
export async function claimPendingUpload(trx: Transaction<DB>, id: number, userId: number, now: Date): Promise<boolean> {
  const result = await trx.deleteFrom('pending_uploads').where('id', '=', id).where('user_id', '=', userId).where('expires_at', '>', now.toISOString()).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Deletes up to SWEEP_BATCH expired pending uploads and returns their file paths. Each row is
 * returned to one deleter only, so with several instances sweeping, each file is removed by one.
 */
export async function deleteExpiredUploads(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .deleteFrom('pending_uploads')
    .where('id', 'in', (eb) => eb.selectFrom('pending_uploads').select('id').where('expires_at', '<=', now.toISOString()).limit(SWEEP_BATCH))
    .returning('path')
    .execute();
  return rows.map((row) => row.path);
}
