import type { ProductStatus, ProductType, SocialProductFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The legacy numbers of a product's type and status. */
const TYPE_NUMBERS: Record<ProductType, string> = { NEW: '0', USED: '1' };
const STATUS_NUMBERS: Record<ProductStatus, string> = { FOR_SALE: '0', SOLD: '1' };

/** The product fields the social operations select. */
export const SOCIAL_PRODUCT_FIELDS = /* GraphQL */ `
  fragment SocialProduct on Product {
    id: databaseId sellerId: sellerDatabaseId postId: postDatabaseId title description location price currency category type status createdAt
    images { id: databaseId productId: productDatabaseId url }
    seller { ...SocialUser }
  }
`;

/** A product as the social API shows one: WoWonder's keys (`name` for the title), numbers as strings, the seller as `user_data`. */
export function socialProduct(product: SocialProductFragment): Record<string, unknown> {
  return {
    id: String(product.id),
    user_id: String(product.sellerId),
    post_id: String(product.postId ?? 0),
    name: product.title,
    description: product.description,
    location: product.location,
    price: String(product.price),
    currency: product.currency,
    category: String(product.category),
    type: TYPE_NUMBERS[product.type],
    status: STATUS_NUMBERS[product.status],
    time: unixTime(product.createdAt),
    images: product.images.map((image) => ({ id: String(image.id), product_id: String(image.productId), image: image.url })),
    user_data: socialUser(product.seller),
  };
}
