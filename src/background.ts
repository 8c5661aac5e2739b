import { AsyncLocalStorage } from 'node:async_hooks';

const work = new AsyncLocalStorage<string>();

/**
 * Whether statements are being attributed to the work that ran them (tests count statements per
 * request). Only then is the async context tracked: AsyncLocalStorage's hooks cost every promise of
 * every request (the feed's CPU per request: 9.60 ms with them, 8.33 ms without), and a serving
 * gateway has no use for the attribution.
 */
let attributing = false;

/** Turns on attributing statements to background work (src/db/connection.ts, when a statement observer is given). */
export function attributeBackgroundWork(): void {
  attributing = true;
}

/**
 * Starts work the gateway does on its own (a sweeper, the webhook dispatcher, presence beats):
 * while statements are attributed, everything `start` sets going, its timers and loops and the
 * statements they run, belongs to `name` rather than to whichever request happens to be in flight
 * when it runs.
 */
export function startInBackground<T>(name: string, start: () => T): T {
  return attributing ? work.run(name, start) : start();
}

/** The background work the caller belongs to, or undefined when it serves a request (or nothing is attributed). */
export function backgroundWork(): string | undefined {
  return attributing ? work.getStore() : undefined;
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
