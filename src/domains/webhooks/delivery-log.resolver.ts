import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId } from '../../graphql/node';
import { ConnectionArgs, connectionType, toConnection, windowOf, type Connection } from '../../graphql/connection';
import { deliveryLog, redeliver } from './delivery-log.service';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryFilter } from './delivery-log.type';
import { MAX_ATTEMPTS } from './retry.policy';
import { WebhookSubscription } from './subscription.type';
import { toWebhookAttempt, toWebhookDelivery } from './delivery-log.mapper';
import { toWebhookSubscription } from './subscription.mapper';

/** A page of the delivery log, newest first. */
export const WebhookDeliveryConnection = connectionType(WebhookDelivery, { description: 'A page of the webhook delivery log, newest first.' });

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryLogResolver {
  @Authorized()
  @Query(() => WebhookDeliveryConnection, {
    description: "The delivery log of the viewer's subscriptions (everyone's for an admin asking filter.allUsers), newest first (by id); 20 a page by default, at most 100.",
  })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true }) filter: WebhookDeliveryFilter | null,
  ): Promise<Connection<WebhookDelivery>> {
    const window = windowOf(args);
    const rows = await deliveryLog(ctx, filter ?? {}, window);
    return toConnection(rows, window, (row) => [row.id], toWebhookDelivery);
  }

  @Authorized()
  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again: a new pending delivery of the same event and payload, with a new webhook-id, due now.',
  })
  async redeliverWebhook(@Ctx() ctx: Context, @Arg('deliveryId', () => ID, { description: 'The delivery to send again (its global id).' }) deliveryId: string): Promise<WebhookDelivery> {
    return toWebhookDelivery(await redeliver(ctx, fromGlobalId(deliveryId, 'WebhookDelivery', 'deliveryId')));
  }

  @FieldResolver(() => [WebhookAttempt], { description: `Every POST of this delivery, oldest first: at most ${MAX_ATTEMPTS} (the retry policy's attempts).` })
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

  @FieldResolver(() => WebhookSubscription, { nullable: true, description: 'The subscription the delivery is owed to.' })
  async subscription(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookSubscription | null> {
    const row = await ctx.loaders.webhookSubscription.load(delivery.subscriptionId);
    return row ? toWebhookSubscription(row) : null;
  }
}
