import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** Where a delivery stands; the stored value is the lower-case name (`pending`, `delivered` …). */
export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
  CANCELLED = 'cancelled',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Due now or at nextAttemptAt: not yet delivered, attempts left.' },
    DELIVERED: { description: 'The target answered 2xx.' },
    FAILED: { description: 'Every attempt failed, the target answered 410 Gone, or the subscription was disabled for failing.' },
    CANCELLED: { description: 'Not sent: the subscription was inactive or its owner may no longer receive events.' },
  },
});

const STATUSES = new Set<string>(Object.values(WebhookDeliveryStatus));

/** The enum value of a stored status (an unknown stored value reads as PENDING rather than breaking the log). */
export function toDeliveryStatus(stored: string): WebhookDeliveryStatus {
  return STATUSES.has(stored) ? (stored as WebhookDeliveryStatus) : WebhookDeliveryStatus.PENDING;
}

/** One POST of a delivery to its target, as the dispatcher recorded it. */
@ObjectType({ implements: Node, description: 'One POST of a delivery to its target, as the dispatcher recorded it.' })
export class WebhookAttempt {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => GraphQLISODateTime) attemptedAt!: Date;
  @Field(() => Int) durationMs!: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status the target answered; null when no answer came.' }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the attempt failed without an answer (timeout, refused address …).' })
  error!: string | null;
  @Field(() => String, { nullable: true, description: 'The start of the response body.' }) responseExcerpt!: string | null;
}

/** One event owed to one subscription: its `webhook-id`, state and attempts. */
@ObjectType({ implements: Node, description: 'One event owed to one subscription: its `webhook-id`, state and attempts.' })
export class WebhookDelivery {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'subscriptionDatabaseId' }) subscriptionId!: number;
  @Field(() => Int, { name: 'eventDatabaseId', description: "The outbox event; the payload's job_id." }) eventId!: number;
  @Field({ description: 'The `webhook-id` header: the same on every retry of this delivery.' }) messageId!: string;
  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands, as the dispatcher sets it.' }) status!: WebhookDeliveryStatus;
  @Field(() => Int) attemptCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@InputType({ description: 'Narrows the delivery log; every field is optional.' })
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true, description: 'Only deliveries to this subscription (its global id).' }) subscriptionId?: string | null;
  @Field(() => String, { nullable: true, description: 'A catalog event name.' }) event?: string | null;
  @Field(() => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Deliveries created at or after this time.' }) since?: Date | null;
  @Field(() => Boolean, { nullable: true, description: "Admins only: everyone's deliveries, not just the viewer's." }) allUsers?: boolean | null;
}
