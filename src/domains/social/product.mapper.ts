import type { Selectable } from 'kysely';
import type { ProductImages, Products } from '../../db/schema';
import type { Product, ProductImage } from './product.type';

export type ProductRow = Selectable<Products>;
export type ProductImageRow = Selectable<ProductImages>;

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
    type: row.type,
    status: row.status,
    createdAt: new Date(row.created_at),
  };
}

export function toProductImage(row: ProductImageRow): ProductImage {
  return { id: row.id, productId: row.product_id, url: row.url };
}
