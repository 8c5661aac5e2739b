import type { GraphQLSchema } from 'graphql';
import type { Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/schema';
import type { DomainEvent } from '../../events/domain-event';
import type { EventRecorder } from '../../events/event-publisher';
import type { Services } from '../../graphql/context';
import { buildPayload } from './payload.builder';

/** What the outbox wrote for an event: its webhook_events id and payload text. */
export interface OutboxEntry {
  jobId: number;
  payload: string;
}

/** Outbox rows by the event object the publisher later publishes, so the live stream reuses them. */
const written = new WeakMap<DomainEvent, OutboxEntry>();

/** The outbox row written for a published event, if any subscription wanted it. */
export function outboxEntry(event: DomainEvent): OutboxEntry | undefined {
  return written.get(event);
}

/** The event names a subscription's `events` column lists: a JSON array, or a comma list. */
export function subscribedEvents(column: string): string[] {
  try {
    const parsed: unknown = JSON.parse(column);
    if (Array.isArray(parsed)) return parsed.filter((name): name is string => typeof name === 'string');
  } catch {
    // not JSON: a comma list
  }
  return column.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/** A new `webhook-id`: `msg_` and 24 random bytes, base64url. */
export function newMessageId(): string {
  return `msg_${randomBytes(24).toString('base64url')}`;
}

async function wantingSubscriptions(trx: Transaction<DB>, name: string): Promise<number[]> {
  const rows = await trx.selectFrom('webhook_subscriptions').select(['id', 'events']).where('active', '=', 1).execute();
  return rows.filter((row) => subscribedEvents(row.events).some((wanted) => wanted === name || wanted === '*')).map((row) => row.id);
}

/**
 * The transactional outbox: inside the change's transaction, an event that at least one active
 * subscription wants becomes one webhook_events row (its payload built from the transaction's own
 * view of the rows) and one pending webhook_deliveries row per such subscription. A rollback
 * leaves neither; a commit keeps both even if the process dies the next instant.
 */
export function createOutboxRecorder(services: Services, schema: GraphQLSchema): EventRecorder {
  return async (trx, event) => {
    const subscriptionIds = await wantingSubscriptions(trx, event.name);
    if (subscriptionIds.length === 0) return;
    const now = new Date().toISOString();
    const { id } = await trx.insertInto('webhook_events').values({ event: event.name, payload: '{}', created_at: now }).returning('id').executeTakeFirstOrThrow();
    const payload = JSON.stringify(await buildPayload(services, schema, trx, event, id));
    await trx.updateTable('webhook_events').set({ payload }).where('id', '=', id).execute();
    await trx
      .insertInto('webhook_deliveries')
      .values(subscriptionIds.map((subscriptionId) => ({
        event_id: id,
        subscription_id: subscriptionId,
        message_id: newMessageId(),
        status: 'pending',
        attempt_count: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })))
      .execute();
    written.set(event, { jobId: id, payload });
  };
}
