import type { Insertable, Kysely, Updateable } from 'kysely';
import { applyWindow, type Window } from '../../db/keyset';
import type { DB, WebhookSubscriptions } from '../../db/schema';
import type { WebhookSubscriptionRow } from './webhook.row';

/** One subscription by id, or undefined. */
export function findWebhookSubscription(db: Kysely<DB>, id: number): Promise<WebhookSubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Subscriptions by ids, for loaders (any order). */
export function findWebhookSubscriptionsByIds(db: Kysely<DB>, ids: readonly number[]): Promise<WebhookSubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', 'in', ids).execute();
}

/** A user's subscriptions (or everyone's when userId is null), oldest first: the window's rows (keyset on id). */
export function listWebhookSubscriptions(db: Kysely<DB>, userId: number | null, window: Window): Promise<WebhookSubscriptionRow[]> {
  let query = db.selectFrom('webhook_subscriptions').selectAll();
  if (userId !== null) query = query.where('user_id', '=', userId);
  return applyWindow(query, ['id'], 'asc', window).execute();
}

/** How many subscriptions a user has (everyone's when userId is null). */
export async function countWebhookSubscriptions(db: Kysely<DB>, userId: number | null): Promise<number> {
  let query = db.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll<number>().as('n'));
  if (userId !== null) query = query.where('user_id', '=', userId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export function insertWebhookSubscription(db: Kysely<DB>, values: Insertable<WebhookSubscriptions>): Promise<WebhookSubscriptionRow> {
  return db.insertInto('webhook_subscriptions').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateWebhookSubscriptionRow(db: Kysely<DB>, id: number, values: Updateable<WebhookSubscriptions>): Promise<WebhookSubscriptionRow> {
  return db.updateTable('webhook_subscriptions').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Removes a subscription; its deliveries and attempts go with it (foreign keys cascade). */
export async function deleteWebhookSubscriptionRow(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
}
