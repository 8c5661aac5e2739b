import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { deliveryLog, redeliver } from './delivery-log.service';
import { toWebhookAttempt, toWebhookDelivery, WebhookAttempt, WebhookDelivery, WebhookDeliveryFilter } from './delivery-log.type';
import { toWebhookSubscription, WebhookSubscription } from './subscription.type';

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryLogResolver {
  @Authorized()
  @Query(() => [WebhookDelivery], { description: "The delivery log of the viewer's subscriptions, newest first; page with beforeId (the last id seen)." })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true }) filter: WebhookDeliveryFilter | null,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true }) beforeId: number | null,
  ): Promise<WebhookDelivery[]> {
    return (await deliveryLog(ctx, filter ?? {}, limit, beforeId)).map(toWebhookDelivery);
  }

  @Authorized()
  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again: a new pending delivery of the same event and payload, with a new webhook-id, due now.',
  })
  async redeliverWebhook(@Ctx() ctx: Context, @Arg('deliveryId', () => Int) deliveryId: number): Promise<WebhookDelivery> {
    return toWebhookDelivery(await redeliver(ctx, deliveryId));
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every POST of this delivery, oldest first.' })
  async attempts(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookAttempt[]> {
    return (await ctx.loaders.attemptsByDelivery.load(delivery.id)).map(toWebhookAttempt);
  }

  @FieldResolver(() => String, { description: 'The catalog event name.' })
  async event(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<string> {
    return (await ctx.loaders.webhookEvent.load(delivery.eventId))?.event ?? '';
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The body POSTed: {event, job_id, entities}.' })
  async payload(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<Record<string, unknown> | null> {
    const row = await ctx.loaders.webhookEvent.load(delivery.eventId);
    return row ? (JSON.parse(row.payload) as Record<string, unknown>) : null;
  }

  @FieldResolver(() => WebhookSubscription, { nullable: true })
  async subscription(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookSubscription | null> {
    const row = await ctx.loaders.webhookSubscription.load(delivery.subscriptionId);
    return row ? toWebhookSubscription(row) : null;
  }
}
