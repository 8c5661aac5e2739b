import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, NotFoundError } from '../../../errors';
import { recordMediaFile, withStoredMedia } from '../../../media/media-files';
import { requireViewer } from '../../shared/viewer.guard';
import { refusePendingUploadUrls } from '../../../media/upload-claims';
import { storeImages } from './listing.media';
import { insertPost } from '../../content/post.service';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';
import { fromOptionalGlobalId } from '../../../graphql/node';
import { type CreateProductInput, MAX_PRODUCT_IMAGES, type ProductsFilter } from './product.input';
import { PRODUCT_TYPE_CODES } from './product.mapper';
import { insertProduct, insertProductImages, listProducts } from './product.repository';
import { atLeast } from '../text.rules';
import type { ProductRow } from './product.row';

const MIN_TEXT = 2;

export async function requireProduct(ctx: Context, productId: number): Promise<ProductRow> {
  const row = await ctx.loaders.listingProduct.load(productId);
  if (!row) throw new NotFoundError(`Product ${productId} does not exist`);
  return row;
}

/**
 * Creates a product of the viewer with its images and the timeline post that announces it, in one
 * transaction; records `product.created` and `post.created`, and the post becomes the seller's
 * activity as createPost's posts do. Stored images are removed again when the change fails.
 */
export async function createProduct(ctx: Context, input: CreateProductInput): Promise<ProductRow> {
  const viewer = requireViewer(ctx);
  const title = atLeast(input.title, MIN_TEXT, 'title');
  const description = atLeast(input.description, MIN_TEXT, 'description');
  const location = atLeast(input.location, MIN_TEXT, 'location');
  const files = input.images ?? [];
  const urls = (input.imageUrls ?? []).map((url) => assertHttpUrl(url, 'imageUrls'));
  if (files.length + urls.length === 0) throw new BadUserInputError('A product needs at least one image', 'images');
  if (files.length + urls.length > MAX_PRODUCT_IMAGES) throw new BadUserInputError(`A product has at most ${MAX_PRODUCT_IMAGES} images`, 'images');
  await refusePendingUploadUrls(ctx, urls, 'imageUrls', 'images');
  const stored = await storeImages(ctx, files, 'images');
  return withStoredMedia(ctx.media, stored, () =>
    ctx.events.transaction(ctx.db, async (unit) => {
      const { trx, record } = unit;
      const imageUrls = [...stored.map((file) => file.url), ...urls];
      for (const file of stored) await recordMediaFile(trx, viewer.userId, file);
      const post = await insertPost(unit, { content: `${title}\n${description}`, userId: viewer.userId, postType: 'product', mediaUrl: imageUrls[0] ?? null }, viewer.userId);
      const now = new Date().toISOString();
      const product = await insertProduct(trx, {
        user_id: viewer.userId,
        post_id: post.id,
        title,
        description,
        location,
        price: input.price,
        category: input.category,
        type: PRODUCT_TYPE_CODES[input.type],
        created_at: now,
        updated_at: now,
      });
      await insertProductImages(trx, product.id, imageUrls);
      await record('product.created', { product: [product.id], post: [post.id], user: [viewer.userId] }, viewer.userId);
      return product;
    }),
  );
}

/** Products newest first, by seller, category and keyword: one window. */
export async function listProductsFor(ctx: Context, filter: ProductsFilter, window: Window): Promise<ProductRow[]> {
  const keyword = filter.keyword?.trim() || null;
  const rows = await listProducts(
    ctx.db,
    {
      sellerId: fromOptionalGlobalId(filter.sellerId, 'User', 'sellerId'),
      category: filter.category ?? null,
      keyword,
    },
    window,
  );
  for (const row of rows) ctx.loaders.listingProduct.prime(row.id, row);
  return rows;
}
