import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, WebhookDeliveries } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Active subscriptions with their owner's role and status (whether the owner may receive is the caller's rule). */
export function findActiveSubscriptionsWithOwner(db: Db) {
  return db.selectFrom('webhook_subscriptions as s').innerJoin('users as u', 'u.id', 's.user_id').select(['s.id', 's.events', 'u.role_id', 'u.user_status']).where('s.active', '=', 1).execute();
}

/** A new webhook_events row with an empty payload (`{}`), so the payload can carry its id; returns the id. */
export async function insertWebhookEvent(db: Db, event: string, createdAt: string): Promise<number> {
  const { id } = await db.insertInto('webhook_events').values({ event, payload: '{}', created_at: createdAt }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Writes an event's payload, built once its id was known. */
export async function setWebhookEventPayload(db: Db, id: number, payload: string): Promise<void> {
  await db.updateTable('webhook_events').set({ payload }).where('id', '=', id).execute();
}

/** A delivery of an event to a subscription that has had no attempt yet and is due at `now`. */
export function pendingDelivery(eventId: number, subscriptionId: number, messageId: string, now: string): Insertable<WebhookDeliveries> {
  return {
    event_id: eventId,
    subscription_id: subscriptionId,
    message_id: messageId,
    status: 'pending',
    attempt_count: 0,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
  };
}

/** Pending deliveries of one event, one statement for all of them. */
export async function insertPendingDeliveries(db: Db, eventId: number, deliveries: { subscriptionId: number; messageId: string }[], now: string): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values(deliveries.map((d) => pendingDelivery(eventId, d.subscriptionId, d.messageId, now)))
    .execute();
}
