import type { DomainEvent } from '../../src/events/domain-event';
import { Topic } from '../../src/graphql/pubsub';
import type { TestGateway } from './gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Domain events a test listens to: those `keep` accepts, in the order the gateway published them. */
export interface EventRecording {
  events: DomainEvent[];
  /** Waits until `count` events arrived (or about 500 ms passed), then stops listening. */
  stop(count: number): Promise<DomainEvent[]>;
}

/** Starts listening to the gateway's domain events; resolves once the listener is in place. */
export async function recordEvents(gw: TestGateway, keep: (event: DomainEvent) => boolean): Promise<EventRecording> {
  const events: DomainEvent[] = [];
  const iterator = gw.app.gateway.services.pubsub.subscribe(Topic.DomainEvent)[Symbol.asyncIterator]();
  const listening = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      if (keep(next.value)) events.push(next.value);
    }
  })();
  await sleep(20);
  return {
    events,
    async stop(count) {
      for (let i = 0; i < 50 && events.length < count; i++) await sleep(10);
      await iterator.return?.();
      await listening;
      return events;
    },
  };
}
