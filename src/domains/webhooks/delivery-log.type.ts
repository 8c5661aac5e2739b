import type { Selectable } from 'kysely';
import { Field, GraphQLISODateTime, InputType, Int, ObjectType } from 'type-graphql';
import type { WebhookAttempts, WebhookDeliveries } from '../../db/schema';
import { Node } from '../../graphql/node';

export type WebhookDeliveryRow = Selectable<WebhookDeliveries>;
export type WebhookAttemptRow = Selectable<WebhookAttempts>;

/** One POST of a delivery to its target, as the dispatcher recorded it. */
@ObjectType({ implements: Node })
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
@ObjectType({ implements: Node })
export class WebhookDelivery {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'subscriptionDatabaseId' }) subscriptionId!: number;
  @Field(() => Int, { name: 'eventDatabaseId', description: 'The outbox event; the payload\'s job_id.' }) eventId!: number;
  @Field({ description: 'The `webhook-id` header: the same on every retry of this delivery.' }) messageId!: string;
  @Field({ description: 'pending, delivered, failed … as the dispatcher sets it.' }) status!: string;
  @Field(() => Int) attemptCount!: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@InputType({ description: 'Narrows the delivery log; every field is optional.' })
export class WebhookDeliveryFilter {
  @Field(() => Int, { nullable: true }) subscriptionId?: number | null;
  @Field(() => String, { nullable: true, description: 'A catalog event name.' }) event?: string | null;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Deliveries created at or after this time.' }) since?: Date | null;
  @Field(() => Boolean, { nullable: true, description: "Admins only: everyone's deliveries, not just the viewer's." }) allUsers?: boolean | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    messageId: row.message_id,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: date(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toWebhookAttempt(row: WebhookAttemptRow): WebhookAttempt {
  return {
    id: row.id,
    attemptedAt: new Date(row.attempted_at),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}
