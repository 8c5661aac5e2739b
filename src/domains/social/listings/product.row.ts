import type { Selectable } from 'kysely';
import type { ProductImages, Products } from '../../../db/schema';

export type ProductRow = Selectable<Products>;
export type ProductImageRow = Selectable<ProductImages>;
