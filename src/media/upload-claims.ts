import type { Context } from '../graphql/context.types';
import { BadUserInputError, UnauthenticatedError } from '../errors';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { StoredMedia } from './media-store';
import { anyPendingUploadPath, claimPendingUpload, findPendingUpload } from './pending-upload.repository';
import { UploadedFile } from './uploaded-file';
import type { PendingUploadId, UploadValue } from './upload.scalar';

/**
 * The file an `Upload` argument names, ready for the change that uses it: a legacy endpoint's
 * multipart file is validated and stored (MediaStore.store); a GraphQL client's upload id must be
 * the viewer's own unused, unexpired upload, which recordMediaFile then claims in the change's
 * transaction. Every mutation that takes a file goes through here.
 */
export async function storeUpload(ctx: Context, value: UploadValue, field: string): Promise<StoredMedia> {
  if (value instanceof UploadedFile) return ctx.media.store(value, field);
  return pendingMedia(ctx, value, field);
}

/** storeUpload for a slot that takes only an image (an avatar, a cover, a product photo); a video upload is refused and stays claimable. */
export async function storeImageUpload(ctx: Context, value: UploadValue, field: string): Promise<StoredMedia> {
  if (value instanceof UploadedFile) return ctx.media.storeImage(value, field);
  const media = await pendingMedia(ctx, value, field);
  if (media.kind !== 'image') throw new BadUserInputError(`${field} must be an image`, field);
  return media;
}

async function pendingMedia(ctx: Context, value: PendingUploadId, field: string): Promise<StoredMedia> {
  if (!ctx.viewer) throw new UnauthenticatedError();
  const row = await findPendingUpload(ctx.db, value.id, ctx.viewer.userId, new Date());
  if (!row) throw notClaimable(field);
  return { ...ctx.media.described(row.path, row.mime_type, row.size), claim: { uploadId: row.id, ownerId: row.user_id, field } };
}

/**
 * Claims a pending upload in the transaction of the change that uses it: the first transaction to
 * commit gets it; a concurrent one, or one that finds it expired meanwhile, fails with nothing changed.
 */
export async function claimUpload(trx: Transaction<DB>, claim: NonNullable<StoredMedia['claim']>): Promise<void> {
  if (!(await claimPendingUpload(trx, claim.uploadId, claim.ownerId, new Date()))) throw notClaimable(claim.field);
}

/**
 * Refuses URLs given as text that name a pending upload's file: only a claim keeps that file, so a
 * row holding the URL would point at nothing once the sweeper removes it. The upload's id goes in
 * `fileField` instead; once claimed, its URL is an ordinary stored file's. Every field that takes
 * a media URL as text checks here.
 */
export async function refusePendingUploadUrls(ctx: Context, urls: readonly (string | null | undefined)[], field: string, fileField: string): Promise<void> {
  const paths = urls.map((url) => (url ? ctx.media.pathOf(url) : null)).filter((path) => path !== null);
  if (await anyPendingUploadPath(ctx.db, paths)) {
    throw new BadUserInputError(`${field} is the URL of an upload waiting to be used: send its id as ${fileField} instead`, field);
  }
}

function notClaimable(field: string): BadUserInputError {
  return new BadUserInputError(`${field} is not an upload of yours waiting to be used (unknown, already used or expired): upload the file again`, field);
}
