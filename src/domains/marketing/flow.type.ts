import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A Messenger flow campaign: questions a bot page asks its subscribers in order. */
@ObjectType({ implements: Node, description: "A flow campaign of a bot page: ordered questions and the subscribers' answers." })
export class FlowCampaign {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field(() => Int, { name: 'pageDatabaseId', nullable: true, description: 'The bot page it runs on; null once that page is gone.' }) pageId!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType({ implements: Node, description: "A question of a flow campaign, with the subscribers' answers." })
export class FlowQuestion {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'campaignDatabaseId' }) campaignId!: number;
  @Field(() => Int, { description: 'Its place in the campaign, from 1.' }) position!: number;
  @Field() question!: string;
}

@ObjectType({ implements: Node, description: "One subscriber's answer to one question." })
export class FlowAnswer {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'questionDatabaseId' }) questionId!: number;
  @Field(() => Int, { name: 'subscriberDatabaseId' }) subscriberId!: number;
  @Field() answer!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
