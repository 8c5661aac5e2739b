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

/**
 * Runs `work` every `intervalMs`, never two at once (a round still running skips the tick), with
 * failures passed to `onError`; the timer does not keep the process alive. Returns the stop
 * function, which waits for a round in flight.
 */
export function repeatEvery(intervalMs: number, work: () => Promise<unknown>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
