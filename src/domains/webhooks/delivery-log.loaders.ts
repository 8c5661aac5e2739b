import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import { findAttemptsByDeliveryIds, findAttemptsWithOwner, findDeliveriesWithOwner, findWebhookEventsByIds } from './delivery-log.repository';
import type { WebhookAttemptRow } from './webhook.row';
import { findWebhookSubscriptionsByIds } from './subscription.repository';

/** Per-request loaders of the delivery log: a page of deliveries with their attempts, events and subscriptions. */
export function createDeliveryLogLoaders(db: Database) {
  return {
    attemptsByDelivery: new RequestLoader<number, WebhookAttemptRow[]>(async (ids) => grouped(ids, await findAttemptsByDeliveryIds(db, ids), (row) => row.delivery_id)),
    webhookEvent: byId((ids) => findWebhookEventsByIds(db, ids)),
    webhookSubscription: byId((ids) => findWebhookSubscriptionsByIds(db, ids)),
    /** Deliveries and attempts by id with their owner (the subscription's user), for node(id:). */
    webhookDelivery: byId((ids) => findDeliveriesWithOwner(db, ids)),
    webhookAttempt: byId((ids) => findAttemptsWithOwner(db, ids)),
  };
}
