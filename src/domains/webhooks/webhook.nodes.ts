import type { Context } from '../../graphql/context.types';
import type { NodeFetchers } from '../../graphql/node-fetchers';
import { toWebhookAttempt, toWebhookDelivery } from './delivery-log.mapper';
import { toWebhookSubscription } from './subscription.mapper';

/**
 * Who may fetch a webhook object by id: its subscription's owner, and admins (as
 * webhookSubscription and webhookDeliveries(filter: { allUsers }) let them); nobody signed out.
 */
function mayRead(ctx: Context, ownerId: number): boolean {
  return ctx.viewer !== null && (ctx.viewer.userId === ownerId || ctx.viewer.isAdmin);
}

/** This domain's Node types, fetched by number for node(id:): one statement per type, through the request's loaders. */
export const webhookNodes: NodeFetchers = {
  WebhookSubscription: async (ctx, ids) =>
    (await ctx.loaders.webhookSubscription.loadMany(ids)).map((row) => (row && !(row instanceof Error) && mayRead(ctx, row.user_id) ? toWebhookSubscription(row) : null)),
  WebhookDelivery: async (ctx, ids) => (await ctx.loaders.webhookDelivery.loadMany(ids)).map((row) => (row && !(row instanceof Error) && mayRead(ctx, row.owner_id) ? toWebhookDelivery(row) : null)),
  WebhookAttempt: async (ctx, ids) => (await ctx.loaders.webhookAttempt.loadMany(ids)).map((row) => (row && !(row instanceof Error) && mayRead(ctx, row.owner_id) ? toWebhookAttempt(row) : null)),
};
