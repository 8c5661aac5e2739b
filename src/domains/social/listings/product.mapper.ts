import { type Product, type ProductImage, ProductStatus, ProductType } from './product.type';
import type { ProductImageRow, ProductRow } from './product.row';

/** `products.type` as stored: 0 new, 1 used. */
export const PRODUCT_TYPE_CODES: Record<ProductType, number> = { [ProductType.NEW]: 0, [ProductType.USED]: 1 };
/** `products.status` as stored: 0 for sale, 1 sold. */
const PRODUCT_STATUS_CODES: Record<ProductStatus, number> = { [ProductStatus.FOR_SALE]: 0, [ProductStatus.SOLD]: 1 };

const enumOf = <E extends string>(codes: Record<E, number>, code: number, fallback: E): E => (Object.keys(codes) as E[]).find((value) => codes[value] === code) ?? fallback;

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sellerId: row.user_id,
    postId: row.post_id,
    title: row.title,
    description: row.description,
    location: row.location,
    price: row.price,
    currency: row.currency,
    category: row.category,
    type: enumOf(PRODUCT_TYPE_CODES, row.type, ProductType.NEW),
    status: enumOf(PRODUCT_STATUS_CODES, row.status, ProductStatus.FOR_SALE),
    createdAt: new Date(row.created_at),
  };
}

export function toProductImage(row: ProductImageRow): ProductImage {
  return { id: row.id, productId: row.product_id, url: row.url };
}
