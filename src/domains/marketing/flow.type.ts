import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A Messenger flow campaign: questions a bot page asks its subscribers in order. */
@ObjectType({ description: 'A flow campaign of a bot page: ordered questions and the subscribers\' answers.' })
export class FlowCampaign {
  @Field(() => Int) id!: number;
  @Field() name!: string;
  @Field(() => Int, { nullable: true, description: 'The bot page it runs on; null once that page is gone.' }) pageId!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType()
export class FlowQuestion {
  @Field(() => Int) id!: number;
  @Field(() => Int) campaignId!: number;
  @Field(() => Int, { description: 'Its place in the campaign, from 1.' }) position!: number;
  @Field() question!: string;
}

@ObjectType({ description: 'One subscriber\'s answer to one question.' })
export class FlowAnswer {
  @Field(() => Int) id!: number;
  @Field(() => Int) questionId!: number;
  @Field(() => Int) subscriberId!: number;
  @Field() answer!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
