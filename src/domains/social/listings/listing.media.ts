import type { Context } from '../../../graphql/context.types';
import { withStoredMedia } from '../../../media/media-files';
import type { StoredMedia } from '../../../media/media-store';
import { storeImageUpload } from '../../../media/upload-claims';
import type { UploadValue } from '../../../media/upload.scalar';

/** Stores every upload as an image; when one is refused, the ones already stored are removed. */
export async function storeImages(ctx: Context, files: readonly UploadValue[], field: string): Promise<StoredMedia[]> {
  const stored: StoredMedia[] = [];
  for (const file of files) stored.push(await withStoredMedia(ctx.media, stored, () => storeImageUpload(ctx, file, field)));
  return stored;
}
