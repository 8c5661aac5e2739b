import type { Services } from '../../graphql/context.types';
import { Topic } from '../../graphql/pubsub';
import { claimDueDeliveries, dispatchOutlook, renewLeases } from './delivery.repository';
import { attemptDelivery, type DeliveryOutcome } from './delivery.service';
import { outboxEntry } from './outbox.recorder';

/** How often the dispatcher looks while any subscription is active (rows may be added by anyone). */
const POLL_MS = 250;
/** How often it looks when no subscription is active and nothing is pending. */
const IDLE_SWEEP_MS = 15_000;
/** A claim's lease (scaled, at least a second), renewed while the attempt runs. */
const LEASE_MS = 60_000;

/** A running dispatcher; `stop` waits for in-flight attempts up to `graceMs`, then aborts them. */
export interface WebhookDispatcher {
  wake(): void;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts delivering webhooks in this process: claims due deliveries, at most
 * `WEBHOOK_CONCURRENCY` at once: right after a commit that wrote deliveries, as soon as an attempt
 * ends, when the next retry or lease falls due, every 250 ms while any subscription is active,
 * and every 15 s otherwise (a gateway without webhooks runs no statements in between). Attempts are
 * async HTTP requests, so request handling never waits for a receiver. A lease a crashed process
 * held expires, and the next start picks its delivery up again. Over one PostgreSQL database every
 * instance may run a dispatcher: claims skip rows another holds (see claimDueDeliveries). With
 * SQLite only one instance dispatches. `onOutcome` hears each attempt's outcome (for /metrics).
 */
export function startWebhookDispatcher(services: Services, onError: (error: unknown) => void, onOutcome?: (outcome: DeliveryOutcome) => void): WebhookDispatcher {
  const { concurrency, delayScale } = services.config.webhooks;
  const leaseMs = Math.max(1000, LEASE_MS * delayScale);
  const inFlight = new Map<number, Promise<void>>();
  const abort = new AbortController();
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = stopped ? null : setTimeout(wake, ms);
  };
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const free = concurrency - inFlight.size;
        if (free <= 0 || stopped) break;
        const ids = await claimDueDeliveries(services.db, free, leaseMs);
        if (stopped) break; // their leases expire and the next start takes them
        for (const id of ids) if (!inFlight.has(id)) inFlight.set(id, run(id));
        if (ids.length === free) again = true;
      } while (again && !stopped);
      if (!stopped && inFlight.size > 0) {
        // Attempts in flight: keep looking, for retries falling due and rows other writers add.
        schedule(POLL_MS);
      } else if (!stopped) {
        const { due, active } = await dispatchOutlook(services.db);
        const untilDue = due === null ? IDLE_SWEEP_MS : Math.max(0, Date.parse(due) - Date.now()) + 1;
        schedule(Math.min(untilDue, active ? POLL_MS : IDLE_SWEEP_MS));
      }
    } catch (error) {
      if (!stopped) onError(error);
      schedule(POLL_MS);
    } finally {
      running = false;
    }
  };
  function wake() {
    if (!stopped) void tick();
  }
  const run = async (id: number) => {
    try {
      await attemptDelivery(services, id, abort.signal, onOutcome);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      inFlight.delete(id);
      wake();
    }
  };

  const renew = setInterval(() => {
    renewLeases(services.db, [...inFlight.keys()], leaseMs).catch((error) => !stopped && onError(error));
  }, leaseMs / 3);
  const events = services.pubsub.subscribe(Topic.DomainEvent);
  void (async () => {
    for await (const event of events) if (outboxEntry(event)) wake();
  })().catch((error) => !stopped && onError(error));
  wake();

  return {
    wake,
    async stop(graceMs = 2000) {
      stopped = true;
      clearInterval(renew);
      if (timer) clearTimeout(timer);
      await events.return?.(undefined);
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight.values()]), new Promise<void>((resolve) => (bound = setTimeout(resolve, graceMs)))]);
      clearTimeout(bound);
      abort.abort();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
