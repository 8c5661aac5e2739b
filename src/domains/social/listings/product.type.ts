import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** Whether a product is new or used (stored 0 and 1). */
export enum ProductType {
  NEW = 'NEW',
  USED = 'USED',
}
registerEnumType(ProductType, { name: 'ProductType', description: 'NEW or USED.' });

/** Whether a product is still for sale (stored 0 and 1). */
export enum ProductStatus {
  FOR_SALE = 'FOR_SALE',
  SOLD = 'SOLD',
}
registerEnumType(ProductStatus, { name: 'ProductStatus', description: 'FOR_SALE, or SOLD.' });

/** A product for sale in the market, with the timeline post that announces it. */
@ObjectType({ implements: Node, description: 'A product for sale in the market, with the timeline post that announces it.' })
export class Product {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'sellerDatabaseId' }) sellerId!: number;
  @Field(() => Int, { name: 'postDatabaseId', nullable: true, description: 'The post that announces the product.' }) postId!: number | null;
  @Field() title!: string;
  @Field() description!: string;
  @Field() location!: string;
  @Field(() => Int, { description: 'In whole units of the currency.' }) price!: number;
  @Field() currency!: string;
  @Field(() => Int) category!: number;
  @Field(() => ProductType, { description: 'New or used.' }) type!: ProductType;
  @Field(() => ProductStatus, { description: 'For sale or sold.' }) status!: ProductStatus;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'One photo of a product for sale.' })
export class ProductImage {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'productDatabaseId' }) productId!: number;
  @Field() url!: string;
}

export const ProductConnection = connectionType(Product, { description: 'A page of products, newest first.' });
