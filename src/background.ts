import { AsyncLocalStorage } from 'node:async_hooks';

const work = new AsyncLocalStorage<string>();

/**
 * Starts work the gateway does on its own (a sweeper, the webhook dispatcher, presence beats):
 * everything `start` sets going, its timers and loops and the statements they run, belongs to
 * `name` rather than to whichever request happens to be in flight when it runs.
 */
export function startInBackground<T>(name: string, start: () => T): T {
  return work.run(name, start);
}

/** The background work the caller belongs to, or undefined when it serves a request. */
export function backgroundWork(): string | undefined {
  return work.getStore();
}
