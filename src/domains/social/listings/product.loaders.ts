import type { Database } from '../../../db/connection';
import { RequestLoader, byId, grouped } from '../../../graphql/batch';
import type { ProductImageRow, ProductRow } from './product.row';
import { findImagesByProducts, findProductImagesByIds, findProductsByIds } from './product.repository';

/** Per-request loaders of products and their images. */
export function createProductLoaders(db: Database) {
  return {
    listingProduct: byId<ProductRow>((ids) => findProductsByIds(db, ids)),
    productImage: byId<ProductImageRow>((ids) => findProductImagesByIds(db, ids)),
    /** A product's images in upload order. */
    productImages: new RequestLoader<number, ProductImageRow[]>(async (ids) => grouped(ids, await findImagesByProducts(db, ids), (row) => row.product_id)),
  };
}
