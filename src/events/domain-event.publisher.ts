import type { Transaction } from 'kysely';
import type { Database } from '../db/connection';
import type { DB } from '../db/schema';
import { type GatewayPubSub, Topic } from '../graphql/pubsub';
import type { DomainEvent } from './domain-event';
import type { EventName } from './domain-event.catalog';

/**
 * Runs inside the transaction that records events: where an outbox writes its rows. It is handed
 * the events recorded together (see UnitOfWork.recordTogether), in order; most often one.
 */
export type DomainEventRecorder = (trx: Transaction<DB>, events: DomainEvent[]) => Promise<void>;

/** What a service's transaction body receives: the transaction and a way to record events in it. */
export interface UnitOfWork {
  trx: Transaction<DB>;
  record(name: EventName, entities: DomainEvent['entities'], actorId?: number | null): Promise<void>;
  /**
   * Runs `work`, holding the events it records and handing them to the recorders together when it
   * returns (so an outbox asks once which subscriptions want them). Use it where nothing in `work`
   * after a `record` changes what the recorders read of that event; inside it, `record` resolves
   * before the recorders have run.
   */
  recordTogether<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The project's one event publisher. `transaction` runs a change and the events it records as one
 * unit: recorders (the webhook outbox) write inside the transaction, and the pubsub hears the
 * events only after commit, so a rolled-back change publishes nothing.
 */
export class DomainEventPublisher {
  private readonly recorders: DomainEventRecorder[] = [];

  constructor(private readonly pubsub: GatewayPubSub) {}

  /** Adds a step that runs in the transaction of every recorded event. */
  addRecorder(recorder: DomainEventRecorder): void {
    this.recorders.push(recorder);
  }

  async transaction<T>(db: Database, work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    const recorded: DomainEvent[] = [];
    const result = await db.transaction().execute((trx) => {
      let held: DomainEvent[] | null = null;
      const runRecorders = async (events: DomainEvent[]) => {
        if (events.length > 0) for (const recorder of this.recorders) await recorder(trx, events);
      };
      return work({
        trx,
        record: async (name, entities, actorId = null) => {
          const event: DomainEvent = { name, entities, actorId, occurredAt: new Date().toISOString() };
          if (held) held.push(event);
          else await runRecorders([event]);
          recorded.push(event);
        },
        recordTogether: async (inner) => {
          if (held) return inner();
          const events: DomainEvent[] = [];
          held = events;
          try {
            const value = await inner();
            held = null;
            await runRecorders(events);
            return value;
          } finally {
            held = null;
          }
        },
      });
    });
    for (const event of recorded) this.pubsub.publish(Topic.DomainEvent, event);
    return result;
  }
}
