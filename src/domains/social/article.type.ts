import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A blog article. */
@ObjectType()
export class Article {
  @Field(() => Int) id!: number;
  @Field(() => Int) authorId!: number;
  @Field() title!: string;
  @Field() description!: string;
  @Field() content!: string;
  @Field(() => Int) category!: number;
  @Field(() => String, { nullable: true, description: 'An image URL.' }) thumbnail!: string | null;
  @Field(() => Int) viewCount!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
