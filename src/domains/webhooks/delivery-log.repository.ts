import type { Kysely } from 'kysely';
import { applyWindow, type Window } from '../../db/keyset';
import type { DB } from '../../db/schema';
import { pendingDelivery } from './outbox.repository';
import type { WebhookAttemptRow, WebhookDeliveryRow } from './webhook.row';

export interface DeliveryQuery {
  /** Only deliveries of this user's subscriptions; null for everyone's. */
  userId: number | null;
  subscriptionId: number | null;
  event: string | null;
  status: string | null;
  since: string | null;
}

/** Deliveries newest first, filtered; the window's rows (keyset on id, descending). */
export function listDeliveries(db: Kysely<DB>, q: DeliveryQuery, window: Window): Promise<WebhookDeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries as d').selectAll('d');
  if (q.userId !== null) {
    query = query.where('d.subscription_id', 'in', (eb) => eb.selectFrom('webhook_subscriptions').select('id').where('user_id', '=', q.userId));
  }
  if (q.subscriptionId !== null) query = query.where('d.subscription_id', '=', q.subscriptionId);
  if (q.event !== null) query = query.where('d.event_id', 'in', (eb) => eb.selectFrom('webhook_events').select('id').where('event', '=', q.event));
  if (q.status !== null) query = query.where('d.status', '=', q.status);
  if (q.since !== null) query = query.where('d.created_at', '>=', q.since);
  return applyWindow(query, ['d.id'], 'desc', window).execute();
}

/** Deliveries by ids with the user owning their subscription, for node(id:) (any order). */
export function findDeliveriesWithOwner(db: Kysely<DB>, ids: readonly number[]): Promise<(WebhookDeliveryRow & { owner_id: number })[]> {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .selectAll('d')
    .select('s.user_id as owner_id')
    .where('d.id', 'in', ids)
    .execute();
}

/** Attempts by ids with the user owning their delivery's subscription, for node(id:) (any order). */
export function findAttemptsWithOwner(db: Kysely<DB>, ids: readonly number[]): Promise<(WebhookAttemptRow & { owner_id: number })[]> {
  return db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .selectAll('a')
    .select('s.user_id as owner_id')
    .where('a.id', 'in', ids)
    .execute();
}

export function findDelivery(db: Kysely<DB>, id: number): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Attempts of many deliveries, oldest first. */
export function findAttemptsByDeliveryIds(db: Kysely<DB>, ids: readonly number[]): Promise<WebhookAttemptRow[]> {
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', ids).orderBy('id').execute();
}

/** Outbox events by ids (name and payload). */
export function findWebhookEventsByIds(db: Kysely<DB>, ids: readonly number[]) {
  return db.selectFrom('webhook_events').selectAll().where('id', 'in', ids).execute();
}

/** A new pending delivery of an event to a subscription, due now. */
export function insertDelivery(db: Kysely<DB>, values: { event_id: number; subscription_id: number; message_id: string; now: string }) {
  return db
    .insertInto('webhook_deliveries')
    .values(pendingDelivery(values.event_id, values.subscription_id, values.message_id, values.now))
    .returningAll()
    .executeTakeFirstOrThrow();
}
