import type { Context } from '../../graphql/context';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../graphql/errors';
import { requireViewer } from '../users/user.service';
import { checkEventNames } from './catalog';
import { findDelivery, insertDelivery, listDeliveries } from './delivery-log.repository';
import type { WebhookDeliveryFilter, WebhookDeliveryRow } from './delivery-log.type';
import { newMessageId } from './secret.service';
import { findWebhookSubscription } from './subscription.repository';
import { visibleSubscription } from './subscription.service';

/** The most deliveries one page of the log holds. */
export const MAX_DELIVERY_PAGE = 200;

/**
 * The delivery log, newest first: deliveries of the viewer's subscriptions (everyone's, for an
 * admin asking `allUsers`), narrowed by the filter and paged by `beforeId`.
 */
export async function deliveryLog(ctx: Context, filter: WebhookDeliveryFilter, limit: number, beforeId: number | null): Promise<WebhookDeliveryRow[]> {
  const viewer = requireViewer(ctx);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DELIVERY_PAGE) {
    throw new BadUserInputError(`limit must be between 1 and ${MAX_DELIVERY_PAGE}`, 'limit');
  }
  if (filter.allUsers && !viewer.isAdmin) throw new ForbiddenError("Only admins may read other users' deliveries");
  if (filter.subscriptionId != null && !(await visibleSubscription(ctx, filter.subscriptionId))) {
    throw new NotFoundError(`Webhook subscription ${filter.subscriptionId} does not exist`);
  }
  const event = filter.event == null ? null : checkEventNames([filter.event], 'event')[0];
  if (filter.since != null && Number.isNaN(filter.since.getTime())) throw new BadUserInputError('since must be a date', 'since');
  return listDeliveries(ctx.db, {
    userId: filter.allUsers || filter.subscriptionId != null ? null : viewer.userId,
    subscriptionId: filter.subscriptionId ?? null,
    event: event === '*' ? null : event,
    status: filter.status ?? null,
    since: filter.since?.toISOString() ?? null,
    beforeId: beforeId ?? null,
    limit,
  });
}

/**
 * Sends a delivery again: a NEW pending delivery of the same outbox event (same payload and
 * job_id) to the same subscription, with a new `webhook-id`, due now. The original keeps its log.
 * Only the subscription's owner may redeliver, and only to an active subscription.
 */
export async function redeliver(ctx: Context, deliveryId: number): Promise<WebhookDeliveryRow> {
  const viewer = requireViewer(ctx);
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const delivery = await findDelivery(trx, deliveryId);
    const subscription = delivery ? await findWebhookSubscription(trx, delivery.subscription_id) : undefined;
    if (!delivery || !subscription || subscription.user_id !== viewer.userId) throw new NotFoundError(`Webhook delivery ${deliveryId} does not exist`);
    if (subscription.active !== 1) throw new BadUserInputError('The subscription is inactive; activate it before redelivering', 'deliveryId');
    const now = new Date().toISOString();
    return insertDelivery(trx, { event_id: delivery.event_id, subscription_id: delivery.subscription_id, message_id: newMessageId(), now });
  });
}
