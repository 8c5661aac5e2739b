import type { Context } from '../../../graphql/context.types';
import { BadUserInputError } from '../../../errors';
import { recordMediaFile, withStoredMedia } from '../../../media/media-files';
import { requireViewer } from '../../shared/viewer.guard';
import { type CreateAlbumInput, MAX_ALBUM_MEDIA } from './album.input';
import type { AlbumRow } from './album.row';
import { insertAlbum, insertAlbumMedia, listAlbums } from './album.repository';
import { refusePendingUploadUrls } from '../../../media/upload-claims';
import { storeImages } from './listing.media';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';

/** Creates an album of the viewer with its photos in one transaction; records `album.created`. */
export async function createAlbum(ctx: Context, input: CreateAlbumInput): Promise<AlbumRow> {
  const viewer = requireViewer(ctx);
  const name = input.name.trim();
  if (name === '') throw new BadUserInputError('name must be 1-200 characters', 'name');
  const urls = (input.mediaUrls ?? []).map((url) => assertHttpUrl(url, 'mediaUrls'));
  const files = input.media ?? [];
  if (urls.length + files.length === 0) throw new BadUserInputError('An album needs at least one photo: media or mediaUrls', 'mediaUrls');
  if (urls.length + files.length > MAX_ALBUM_MEDIA) throw new BadUserInputError(`An album gets at most ${MAX_ALBUM_MEDIA} photos at once`, 'mediaUrls');
  await refusePendingUploadUrls(ctx, urls, 'mediaUrls', 'media');
  const stored = await storeImages(ctx, files, 'media');
  return withStoredMedia(ctx.media, stored, () =>
    ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      for (const file of stored) await recordMediaFile(trx, viewer.userId, file);
      const album = await insertAlbum(trx, viewer.userId, name);
      await insertAlbumMedia(trx, album.id, [...stored.map((file) => file.url), ...urls]);
      await record('album.created', { album: [album.id], user: [viewer.userId] }, viewer.userId);
      return album;
    }),
  );
}

/** A user's albums newest first: one window. */
export function listAlbumsOf(ctx: Context, userId: number, window: Window): Promise<AlbumRow[]> {
  return listAlbums(ctx.db, userId, window);
}
