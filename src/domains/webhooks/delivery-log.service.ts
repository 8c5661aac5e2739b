import type { Window } from '../../db/keyset';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors';
import { fromOptionalGlobalId } from '../../graphql/node';
import { requireViewer } from '../shared/viewer.guard';
import { checkEventNames } from './subscription.rules';
import { findDelivery, insertDelivery, listDeliveries } from './delivery-log.repository';
import type { WebhookDeliveryFilter } from './delivery-log.type';
import { newMessageId } from './secret.service';
import { findWebhookSubscription } from './subscription.repository';
import { visibleSubscription } from './subscription.service';
import type { WebhookDeliveryRow } from './webhook.row';

/**
 * The delivery log, newest first: deliveries of the viewer's subscriptions (everyone's, for an
 * admin asking `allUsers`), narrowed by the filter; the rows of `window` (keyset on id, descending).
 */
export async function deliveryLog(ctx: Context, filter: WebhookDeliveryFilter, window: Window): Promise<WebhookDeliveryRow[]> {
  const viewer = requireViewer(ctx);
  if (filter.allUsers && !viewer.isAdmin) throw new ForbiddenError("Only admins may read other users' deliveries");
  const subscriptionId = fromOptionalGlobalId(filter.subscriptionId, 'WebhookSubscription', 'filter.subscriptionId');
  if (subscriptionId !== null && !(await visibleSubscription(ctx, subscriptionId))) {
    throw new NotFoundError('The webhook subscription does not exist');
  }
  const event = filter.event == null ? null : checkEventNames([filter.event], 'event')[0];
  if (filter.since != null && Number.isNaN(filter.since.getTime())) throw new BadUserInputError('since must be a date', 'since');
  return listDeliveries(
    ctx.db,
    {
      userId: filter.allUsers || subscriptionId !== null ? null : viewer.userId,
      subscriptionId,
      event: event === '*' ? null : event,
      status: filter.status ?? null,
      since: filter.since?.toISOString() ?? null,
    },
    window,
  );
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
    if (!delivery || !subscription || subscription.user_id !== viewer.userId) throw new NotFoundError('The webhook delivery does not exist');
    if (subscription.active !== 1) throw new BadUserInputError('The subscription is inactive; activate it before redelivering', 'deliveryId');
    const now = new Date().toISOString();
    return insertDelivery(trx, { event_id: delivery.event_id, subscription_id: delivery.subscription_id, message_id: newMessageId(), now });
  });
}
