import type { SocialProductFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

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
    type: String(product.type),
    status: String(product.status),
    time: unixTime(product.createdAt),
    images: product.images.map((image) => ({ id: String(image.id), product_id: String(image.productId), image: image.url })),
    user_data: socialUser(product.seller),
  };
}
