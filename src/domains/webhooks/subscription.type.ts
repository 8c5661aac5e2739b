import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A webhook subscription. Its signing secret is never readable here: only creation and rotation return it. */
@ObjectType({ implements: Node, description: 'A webhook subscription. Its signing secret is never readable here: only creation and rotation return it.' })
export class WebhookSubscription {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId' }) userId!: number;
  @Field(() => String, { nullable: true, description: 'The community Basic username of the system that subscribed over REST.' })
  callingSystem!: string | null;
  @Field() targetUrl!: string;
  @Field(() => [String], { description: 'Catalog event names; ["*"] means every event.' }) events!: string[];
  @Field({ description: 'Inactive subscriptions receive nothing; the dispatcher turns off one that keeps failing.' }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the subscription was turned off, when it was.' }) disabledReason!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Since when deliveries have been failing without a success.' })
  failingSince!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Until when the previous secret still signs deliveries, after a rotation.' })
  previousSecretExpiresAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

/** A subscription with its signing secret: answered once, by create and by rotate. */
@ObjectType({ description: 'A subscription with its signing secret: answered once, by create and by rotate.' })
export class WebhookSubscriptionWithSecret {
  @Field(() => WebhookSubscription) subscription!: WebhookSubscription;
  @Field({ description: 'The `whsec_` signing secret. Shown only in this answer; keep it.' }) secret!: string;
}

/** One entry of the event catalog. */
@ObjectType({ description: 'One event a webhook subscription may ask for.' })
export class WebhookCatalogEvent {
  @Field({ description: 'The event name, as subscriptions and payloads carry it (`post.created`).' }) name!: string;
  @Field({ description: 'What happened when the event is sent.' }) description!: string;
  @Field(() => [String], { description: 'The entity kinds the payload carries under `entities`.' }) entities!: string[];
}
