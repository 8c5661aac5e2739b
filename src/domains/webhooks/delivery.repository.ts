import { type Kysely, type QueryCreator, sql, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Claims up to `limit` due deliveries for `leaseMs`: pending, due, and not claimed by anyone whose
 * lease still runs; returns their ids. On PostgreSQL the due rows are locked with
 * `FOR UPDATE SKIP LOCKED` before the lease is set, in one transaction, so concurrent dispatchers
 * on several instances take disjoint rows (a lone UPDATE … WHERE id IN (subquery) lets two of them
 * pick the same ones under READ COMMITTED). SQLite has one writer at a time, so one UPDATE does it.
 */
export async function claimDueDeliveries(db: Kysely<DB>, limit: number, leaseMs: number, now = new Date()): Promise<number[]> {
  const lease = { at: now.toISOString(), until: new Date(now.getTime() + leaseMs).toISOString() };
  if (dialectOf(db) === 'sqlite') return setLease(db, lease.until, dueDeliveries(db, lease.at, limit));
  return db.transaction().execute(async (trx) => {
    const rows = await dueDeliveries(trx, lease.at, limit).forUpdate().skipLocked().execute();
    return rows.length === 0
      ? []
      : setLease(
          trx,
          lease.until,
          rows.map((row) => row.id),
        );
  });
}

/** The ids of the first `limit` deliveries due at `at` whose lease, if any, has run out. */
function dueDeliveries(db: QueryCreator<DB>, at: string, limit: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', at)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
}

/** Leases the deliveries (ids, or a subquery of them) until `until`; returns the ids it leased. */
async function setLease(db: Db, until: string, ids: number[] | ReturnType<typeof dueDeliveries>): Promise<number[]> {
  const rows = await db.updateTable('webhook_deliveries').set({ claimed_until: until }).where('id', 'in', ids).returning('id').execute();
  return rows.map((row) => row.id);
}

/** Extends the lease of deliveries still in flight, so nobody else claims them meanwhile. */
export async function renewLeases(db: Db, ids: number[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({ claimed_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}

/** A claimed delivery with what sending it needs: its event's payload and its subscription. */
export async function findDeliveryJob(db: Db, id: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'd.id',
      'd.message_id',
      'd.status',
      'd.attempt_count',
      'd.subscription_id',
      'e.payload',
      'e.event',
      's.target_url',
      's.secret',
      's.previous_secret',
      's.previous_secret_expires_at',
      's.active',
      's.failing_since',
      's.user_id',
      'u.role_id as owner_role_id',
      'u.user_status as owner_status',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export type DeliveryJob = NonNullable<Awaited<ReturnType<typeof findDeliveryJob>>>;

/** Keeps one attempt in the delivery log. */
export async function insertAttempt(db: Db, attempt: { deliveryId: number; attemptedAt: string; durationMs: number; statusCode: number | null; error: string | null; excerpt: string | null }) {
  await db
    .insertInto('webhook_attempts')
    .values({
      delivery_id: attempt.deliveryId,
      attempted_at: attempt.attemptedAt,
      duration_ms: attempt.durationMs,
      status_code: attempt.statusCode,
      error: attempt.error,
      response_excerpt: attempt.excerpt,
    })
    .execute();
}

/** Sets a delivery's state after an attempt and releases its claim. */
export async function updateDelivery(db: Db, id: number, change: { status: string; attemptCount: number; statusCode: number | null; nextAttemptAt: string | null }) {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: change.status,
      attempt_count: change.attemptCount,
      last_status_code: change.statusCode,
      next_attempt_at: change.nextAttemptAt,
      claimed_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a subscription failing since `since`, or healthy again with null. */
export async function setFailingSince(db: Db, subscriptionId: number, since: string | null) {
  await db.updateTable('webhook_subscriptions').set({ failing_since: since, updated_at: new Date().toISOString() }).where('id', '=', subscriptionId).execute();
}

/** Disables a subscription and cancels its pending deliveries. */
export async function disableSubscription(db: Db, subscriptionId: number, reason: string) {
  const now = new Date().toISOString();
  await db.updateTable('webhook_subscriptions').set({ active: 0, disabled_reason: reason, updated_at: now }).where('id', '=', subscriptionId).execute();
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'cancelled', claimed_until: null, next_attempt_at: null, updated_at: now })
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * When the next pending delivery falls due (its attempt time, or its lease's end if later; null
 * when none is pending), and whether any subscription is active (so new rows may come any time).
 */
export async function dispatchOutlook(db: Db): Promise<{ due: string | null; active: boolean }> {
  const { rows } = await sql<{ due: string | null; active: number }>`
    select
      (select min(case when claimed_until > next_attempt_at then claimed_until else next_attempt_at end)
         from webhook_deliveries where status = 'pending') as due,
      exists (select 1 from webhook_subscriptions where active = 1) as active
  `.execute(db);
  return { due: rows[0]?.due ?? null, active: rows[0]?.active === 1 };
}

/** Gives a claimed delivery back, due as before, for this or another dispatcher to take. */
export async function releaseClaim(db: Db, id: number): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ claimed_until: null }).where('id', '=', id).execute();
}

/** The outbox now, for /metrics: deliveries pending (due or waiting to retry) and when the oldest of them was written. */
export async function outboxFigures(db: Db): Promise<{ pending: number; oldestPendingAt: string | null }> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .where('status', '=', 'pending')
    .select((eb) => [eb.fn.countAll<number>().as('pending'), eb.fn.min('created_at').as('oldest')])
    .executeTakeFirst();
  return { pending: Number(row?.pending ?? 0), oldestPendingAt: (row?.oldest as string | null | undefined) ?? null };
}
