import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A product for sale in the market, with the timeline post that announces it. */
@ObjectType({ implements: Node })
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
  @Field(() => Int, { description: '0 new, 1 used.' }) type!: number;
  @Field(() => Int, { description: '0 for sale, 1 sold.' }) status!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType({ implements: Node })
export class ProductImage {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'productDatabaseId' }) productId!: number;
  @Field() url!: string;
}
