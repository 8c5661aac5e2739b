import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A blog article. */
@ObjectType({ implements: Node, description: 'A blog article.' })
export class Article {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'authorDatabaseId' }) authorId!: number;
  @Field() title!: string;
  @Field() description!: string;
  @Field() content!: string;
  @Field(() => Int) category!: number;
  @Field(() => String, { nullable: true, description: 'An image URL.' }) thumbnail!: string | null;
  @Field(() => Int) viewCount!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const ArticleConnection = connectionType(Article, { description: 'A page of articles, newest first.' });
