import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A product for sale in the market, with the timeline post that announces it. */
@ObjectType()
export class Product {
  @Field(() => Int) id!: number;
  @Field(() => Int) sellerId!: number;
  @Field(() => Int, { nullable: true, description: 'The post that announces the product.' }) postId!: number | null;
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

@ObjectType()
export class ProductImage {
  @Field(() => Int) id!: number;
  @Field(() => Int) productId!: number;
  @Field() url!: string;
}
