import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { StoredMedia } from './media-store';

/** Records a stored file of `userId` in `media_files`. */
export async function insertMediaFile(db: Kysely<DB> | Transaction<DB>, userId: number, stored: StoredMedia): Promise<void> {
  await db.insertInto('media_files').values({ user_id: userId, path: stored.path, mime_type: stored.mimeType, size: stored.size, created_at: new Date().toISOString() }).execute();
}
