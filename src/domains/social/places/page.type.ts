import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A page's links and call to action: every field text, null when unset. */
@ObjectType({ description: "A page's other fields: its links elsewhere, company and call to action; each null when unset." })
export class PageDetails {
  @Field(() => String, { nullable: true }) facebook!: string | null;
  @Field(() => String, { nullable: true }) twitter!: string | null;
  @Field(() => String, { nullable: true }) instagram!: string | null;
  @Field(() => String, { nullable: true, description: "The social API's own spelling (its `instgram` field), kept apart from instagram." }) instgram!: string | null;
  @Field(() => String, { nullable: true }) linkedin!: string | null;
  @Field(() => String, { nullable: true }) youtube!: string | null;
  @Field(() => String, { nullable: true }) vk!: string | null;
  @Field(() => String, { nullable: true }) google!: string | null;
  @Field(() => String, { nullable: true }) company!: string | null;
  @Field(() => String, { nullable: true, description: 'The kind of call to action, as the client names it.' }) callActionType!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the call to action leads: an http(s) URL.' }) callActionTypeUrl!: string | null;
}

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
  @Field({ description: "Runs a Messenger bot (the marketing API's pages)." }) botEnabled!: boolean;
  @Field(() => Int) likeCount!: number;
  @Field(() => Int, { name: 'ownerDatabaseId' }) ownerId!: number;
  @Field(() => PageDetails, { description: 'Other page fields: links (facebook, twitter …), company, call to action.' })
  details!: PageDetails;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

export const PageConnection = connectionType(Page, { description: "A page of pages; the order is the field's." });
