import type { Transaction } from 'kysely';
import type { Database } from '../db/connection';
import type { DB } from '../db/schema';
import { type GatewayPubSub, Topic } from '../graphql/pubsub';
import type { DomainEvent } from './domain-event';

/** Runs inside the transaction that records an event: where an outbox writes its row. */
export type EventRecorder = (trx: Transaction<DB>, event: DomainEvent) => Promise<void>;

/** What a service's transaction body receives: the transaction and a way to record events in it. */
export interface UnitOfWork {
  trx: Transaction<DB>;
  record(name: string, entities: DomainEvent['entities'], actorId?: number | null): Promise<void>;
}

/**
 * The project's one event publisher. `transaction` runs a change and the events it records as one
 * unit: recorders (the webhook outbox) write inside the transaction, and the pubsub hears the
 * events only after commit, so a rolled-back change publishes nothing.
 */
export class EventPublisher {
  private readonly recorders: EventRecorder[] = [];

  constructor(private readonly pubsub: GatewayPubSub) {}

  /** Adds a step that runs in the transaction of every recorded event. */
  addRecorder(recorder: EventRecorder): void {
    this.recorders.push(recorder);
  }

  async transaction<T>(db: Database, work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    const recorded: DomainEvent[] = [];
    const result = await db.transaction().execute((trx) =>
      work({
        trx,
        record: async (name, entities, actorId = null) => {
          const event: DomainEvent = { name, entities, actorId, occurredAt: new Date().toISOString() };
          for (const recorder of this.recorders) await recorder(trx, event);
          recorded.push(event);
        },
      }),
    );
    for (const event of recorded) this.pubsub.publish(Topic.DomainEvent, event);
    return result;
  }
}
