import type { GraphQLSchema } from 'graphql';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { DomainEvent } from '../../events/domain-event';
import type { DomainEventRecorder } from '../../events/domain-event.publisher';
import { parseEvents, wantsEvent } from './subscription.rules';
import { findActiveSubscriptionsWithOwner, insertPendingDeliveries, insertWebhookEvent, setWebhookEventPayload } from './outbox.repository';
import type { PayloadBuilder } from './payload.builder';
import { ownerMayReceive } from './recipient.rules';
import { newMessageId } from './secret.service';

/** What the outbox wrote for an event: its webhook_events id and payload text. */
export type OutboxEntry = NonNullable<DomainEvent['outbox']>;

/**
 * The outbox row written for a published event, if any subscription wanted it: the dispatcher
 * wakes on it and the live stream reuses its payload, on whichever instance hears the event.
 */
export function outboxEntry(event: DomainEvent): OutboxEntry | undefined {
  return event.outbox;
}

/** Active subscriptions of owners who may receive payloads now (see ownerMayReceive), each with the events it wants. */
async function receivingSubscriptions(trx: Transaction<DB>): Promise<{ id: number; events: string[] }[]> {
  const rows = await findActiveSubscriptionsWithOwner(trx);
  return rows.filter(ownerMayReceive).map((row) => ({ id: row.id, events: parseEvents(row.events) }));
}

/**
 * The transactional outbox: inside the change's transaction, each event that at least one active
 * subscription wants becomes one webhook_events row (its payload built from the transaction's own
 * view of the rows) and one pending webhook_deliveries row per such subscription. A rollback
 * leaves neither; a commit keeps both even if the process dies the next instant. Events recorded
 * together share one read of the subscriptions.
 */
export function createOutboxRecorder(schema: GraphQLSchema, buildPayload: PayloadBuilder): DomainEventRecorder {
  return async (trx, events) => {
    const subscriptions = await receivingSubscriptions(trx);
    for (const event of events) {
      const subscriptionIds = subscriptions.filter((s) => wantsEvent(s.events, event.name)).map((s) => s.id);
      if (subscriptionIds.length > 0) await writeEntry(schema, buildPayload, trx, event, subscriptionIds);
    }
  };
}

/** The event's webhook_events row and one pending delivery per subscription; the payload is built from the transaction's view of the rows. */
async function writeEntry(schema: GraphQLSchema, buildPayload: PayloadBuilder, trx: Transaction<DB>, event: DomainEvent, subscriptionIds: number[]): Promise<void> {
  const now = new Date().toISOString();
  const id = await insertWebhookEvent(trx, event.name, now);
  const payload = JSON.stringify(await buildPayload(schema, trx, event, id));
  await setWebhookEventPayload(trx, id, payload);
  await insertPendingDeliveries(
    trx,
    id,
    subscriptionIds.map((subscriptionId) => ({ subscriptionId, messageId: newMessageId() })),
    now,
  );
  event.outbox = { jobId: id, payload };
}
