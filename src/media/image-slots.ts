import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Context } from '../graphql/context.types';
import { BadUserInputError } from '../errors';
import { recordMediaFile, withStoredMedia } from './media-files';
import type { StoredMedia } from './media-store';
import { refusePendingUploadUrls, storeImageUpload } from './upload-claims';
import type { UploadValue } from './upload.scalar';

/** The image slots of a user, page or group input: each a URL as text or an uploaded file, not both. */
export interface ImageFields {
  avatar?: string | null;
  cover?: string | null;
  avatarFile?: UploadValue | null;
  coverFile?: UploadValue | null;
}

export type StoredImages = { avatar: StoredMedia | null; cover: StoredMedia | null };

/**
 * Stores the uploaded avatar and cover of an input (images only), then runs the change that uses
 * them; when the change fails the files are removed again, so a rejected request keeps no file.
 */
export async function withUploadedImages<T>(ctx: Context, input: ImageFields, work: (images: StoredImages) => Promise<T>): Promise<T> {
  for (const [file, url] of [
    ['avatarFile', 'avatar'],
    ['coverFile', 'cover'],
  ] as const) {
    if (input[file] != null && input[url] != null) throw new BadUserInputError(`Send ${url} or ${file}, not both`, file);
    await refusePendingUploadUrls(ctx, [input[url]], url, file);
  }
  const avatar = input.avatarFile ? await storeImageUpload(ctx, input.avatarFile, 'avatarFile') : null;
  const cover = input.coverFile ? await withStoredMedia(ctx.media, [avatar], () => storeImageUpload(ctx, input.coverFile!, 'coverFile')) : null;
  return withStoredMedia(ctx.media, [avatar, cover], () => work({ avatar, cover }));
}

/**
 * Records stored images as the user's files, in the change's transaction; returns the columns to
 * set: a stored file's URL, or the URL the input gave as text.
 */
export async function recordImages(trx: Transaction<DB>, userId: number, input: ImageFields, images: StoredImages): Promise<{ avatar?: string | null; cover?: string | null }> {
  const columns: { avatar?: string | null; cover?: string | null } = {};
  for (const slot of ['avatar', 'cover'] as const) {
    const stored = images[slot];
    if (stored) {
      await recordMediaFile(trx, userId, stored);
      columns[slot] = stored.url;
    } else if (input[slot] !== undefined) {
      columns[slot] = input[slot] ?? null;
    }
  }
  return columns;
}
