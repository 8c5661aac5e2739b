import { repeatEvery } from '../background';
import type { Services } from '../graphql/context.types';
import { deleteExpiredUploads } from './pending-upload.repository';

/** The longest wait between sweeps; a short UPLOAD_CLAIM_TTL sweeps twice per lifetime. */
const MAX_INTERVAL_MS = 60_000;

/**
 * Removes uploads no mutation claimed within UPLOAD_CLAIM_TTL, row and file, every minute (or
 * every half lifetime when that is shorter). Safe with several instances: each expired row is
 * deleted, and so its file removed, by one of them. Returns the stop function, which waits for a
 * sweep in progress.
 */
export function startUploadSweeper(services: Services, onError: (error: unknown) => void): () => Promise<void> {
  const intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(250, (services.config.uploads.claimTtlSeconds * 1000) / 2));
  return repeatEvery(intervalMs, () => sweepExpiredUploads(services), onError);
}

/** One sweep: deletes expired pending uploads in batches and removes their files; returns how many. */
export async function sweepExpiredUploads(services: Services): Promise<number> {
  let removed = 0;
  for (;;) {
    const paths = await deleteExpiredUploads(services.db, new Date());
    for (const path of paths) await services.media.remove(path);
    removed += paths.length;
    if (paths.length === 0) return removed;
  }
}
