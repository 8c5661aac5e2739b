import type { ProductType, SocialCreateProductMutation, SocialProductsQuery } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyRoute } from '../route';
import { afterParam, limitParam, uploadedFiles } from './listing.input';
import { toGlobalId } from '../../graphql/node';
import { ok } from './envelope';
import { SOCIAL_PRODUCT_FIELDS, socialProduct } from './product.shape';
import { SOCIAL_USER_FIELDS } from './user.shape';

/** product_type: the document's 0 (new) and 1 (used), or the words, as the ProductType they name. */
const PRODUCT_TYPES: Record<string, ProductType> = { '0': 'NEW', '1': 'USED', new: 'NEW', used: 'USED' };

export const socialProductRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/create-product',
    summary: 'Put a product up for sale in the market, with the post that announces it',
    auth: 'user',
    params: [
      { name: 'product_title', type: 'string', required: true, description: 'At least 2 characters' },
      { name: 'product_description', type: 'string', required: true, description: 'At least 2 characters' },
      { name: 'product_location', type: 'string', required: true, description: 'At least 2 characters' },
      { name: 'product_price', type: 'integer', required: true, description: 'Whole units, 0 or more', exact: true },
      { name: 'product_category', type: 'integer', required: true, exact: true },
      { name: 'product_type', type: 'string', required: true, description: '0 for new, 1 for used (also: new, used)' },
      { name: 'images', type: 'file', description: 'Required: one or several multipart images (jpg, jpeg, png, gif), at most 10; images[] is read too' },
    ],
    operation: /* GraphQL */ `mutation SocialCreateProduct($input: CreateProductInput!) { createProduct(input: $input) { id: databaseId postId: postDatabaseId } }`,
    variables: ({ values: v, raw }) => {
      const type = PRODUCT_TYPES[(v.product_type as string).trim().toLowerCase()];
      if (type === undefined) throw new LegacyError(ErrorCode.BadUserInput, 'product_type must be 0 (new) or 1 (used)');
      const images = uploadedFiles(v.images ?? raw['images[]'], 'images');
      if (images.length === 0) throw new LegacyError(ErrorCode.BadUserInput, 'images is required: send at least one image file');
      return {
        input: {
          title: v.product_title,
          description: v.product_description,
          location: v.product_location,
          price: v.product_price,
          category: v.product_category,
          type,
          images,
        },
      };
    },
    fieldNames: {
      title: 'product_title',
      description: 'product_description',
      location: 'product_location',
      price: 'product_price',
      category: 'product_category',
      type: 'product_type',
    },
    respond: (data: SocialCreateProductMutation) => ok({ product_id: data.createProduct.id, product_post_id: data.createProduct.postId }),
    note: "product_id and product_post_id are numbers, as the document's example shows. product_type is documented as an int (1 used, 0 new); the words new and used are accepted too. Several images may be sent as repeated images (or images[]) parts.",
  },
  {
    method: 'POST',
    path: '/get-products',
    summary: "Get the latest products, or a user's, by category or keyword",
    auth: 'user',
    params: [
      { name: 'user_id', type: 'integer', description: "Only this seller's products" },
      { name: 'limit', type: 'integer', description: 'Default: 35, at most 100' },
      { name: 'offset', type: 'integer', description: 'Products before this product id' },
      { name: 'category_id', type: 'integer' },
      { name: 'category', type: 'integer', description: 'The same as category_id' },
      { name: 'keyword', type: 'string', description: 'Words in the title or description' },
    ],
    operation: /* GraphQL */ `
      query SocialProducts($filter: ProductsFilter!, $limit: Int!, $after: String) {
        products(filter: $filter, first: $limit, after: $after) { nodes { ...SocialProduct } }
      }
      ${SOCIAL_PRODUCT_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values: v }) => ({
      filter: { sellerId: v.user_id == null ? null : toGlobalId('User', v.user_id as number), category: v.category_id ?? v.category ?? null, keyword: v.keyword ?? null },
      limit: limitParam(v, 35),
      after: afterParam(v, 'offset'),
    }),
    respond: (data: SocialProductsQuery) => ok({ products: data.products.nodes.map(socialProduct) }),
    note: "products is a list (the document shows {..}), newest first; each with WoWonder's keys (id, user_id, post_id, name, description, location, price, currency, category, type, status, time, images [{id, product_id, image}], user_data). keyword is documented as an int but is search text: any text is accepted. category is read as well as the documented category_id.",
  },
];
