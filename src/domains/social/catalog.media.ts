import type { Context } from '../../graphql/context';
import { withStoredMedia } from '../../media/media-files';
import type { StoredMedia } from '../../media/media-store';
import type { UploadedFile } from '../../media/uploaded-file';

/** Stores every upload as an image; when one is refused, the ones already stored are removed. */
export async function storeImages(ctx: Context, files: readonly UploadedFile[], field: string): Promise<StoredMedia[]> {
  const stored: StoredMedia[] = [];
  for (const file of files) stored.push(await withStoredMedia(ctx.media, stored, () => ctx.media.storeImage(file, field)));
  return stored;
}
