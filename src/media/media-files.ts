import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { insertMediaFile } from './media-file.repository';
import type { MediaStore, StoredMedia } from './media-store';
import { claimUpload } from './upload-claims';

/**
 * Records a stored file in `media_files`, in the transaction of the change that uses it; a pending
 * upload is claimed in that transaction first (BAD_USER_INPUT when it is no longer claimable).
 */
export async function recordMediaFile(trx: Transaction<DB>, userId: number, stored: StoredMedia): Promise<void> {
  if (stored.claim) await claimUpload(trx, stored.claim);
  await insertMediaFile(trx, userId, stored);
}

/**
 * Runs a change that references files already stored, and removes the files again when the change
 * fails, so a rejected request leaves neither a row nor a file behind.
 */
export async function withStoredMedia<T>(media: MediaStore, stored: readonly (StoredMedia | null)[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (const file of stored) if (file) await media.discard(file);
    throw error;
  }
}
