import { type Insertable, type Kysely, sql } from 'kysely';
import { containsPattern } from '../../../db/like';
import type { DB, Products } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import type { ProductImageRow, ProductRow } from './product.row';

type Db = Kysely<DB>;

export function findProductsByIds(db: Db, ids: readonly number[]): Promise<ProductRow[]> {
  return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
}

export function findProductImagesByIds(db: Db, ids: readonly number[]): Promise<ProductImageRow[]> {
  return db.selectFrom('product_images').selectAll().where('id', 'in', ids).execute();
}

export function findImagesByProducts(db: Db, productIds: readonly number[]): Promise<ProductImageRow[]> {
  return db.selectFrom('product_images').selectAll().where('product_id', 'in', productIds).orderBy('id').execute();
}

export function insertProduct(db: Db, values: Insertable<Products>): Promise<ProductRow> {
  return db.insertInto('products').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertProductImages(db: Db, productId: number, urls: string[]): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('product_images')
    .values(urls.map((url) => ({ product_id: productId, url, created_at: now })))
    .execute();
}

export interface ProductListQuery {
  sellerId: number | null;
  category: number | null;
  keyword: string | null;
}

/** Products newest first (by id), one window; the keyword matches the title or the description, as plain text. */
export function listProducts(db: Db, q: ProductListQuery, window: Window): Promise<ProductRow[]> {
  let query = db.selectFrom('products').selectAll();
  if (q.sellerId !== null) query = query.where('user_id', '=', q.sellerId);
  if (q.category !== null) query = query.where('category', '=', q.category);
  if (q.keyword !== null) {
    const pattern = containsPattern(q.keyword);
    const matches = (column: 'title' | 'description') => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    query = query.where((eb) => eb.or([matches('title'), matches('description')]));
  }
  return applyWindow(query, ['id'], 'desc', window).execute();
}
