import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A social page: a handle (`name`) its URL ends with, a title, an owner and the users who like it. */
@ObjectType({ implements: Node, description: 'A social page. Marketing bot pages are pages with botEnabled.' })
export class Page {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field({ description: 'The handle: 5-32 letters, digits or "_", unique (case-insensitive).' }) name!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) category!: string | null;
  @Field(() => String, { nullable: true }) avatar!: string | null;
  @Field(() => String, { nullable: true }) cover!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field() verified!: boolean;
  @Field({ description: 'Shown among the promoted pages.' }) promoted!: boolean;
  @Field({ description: 'Runs a Messenger bot (the marketing API\'s pages).' }) botEnabled!: boolean;
  @Field(() => Int) likeCount!: number;
  @Field(() => Int, { name: 'ownerDatabaseId' }) ownerId!: number;
  @Field(() => GraphQLJSONObject, { description: 'Other page fields kept as text: links (facebook, twitter …), company, call to action.' })
  extra!: Record<string, string>;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}
