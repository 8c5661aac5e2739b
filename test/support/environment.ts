import { AsyncLocalStorage } from 'node:async_hooks';
import perfHooks from 'node:perf_hooks';
import NodeEnvironment from 'jest-environment-node';

/**
 * A Jest worker's `exit` listener that ends the process then and there. jest-worker gives a worker
 * 500 ms to exit once its suites are done, then kills it and warns of leaked handles; an idle
 * worker does reach `exit` at once, but Node's natural exit then tears down the whole V8 heap
 * (300-500 MB after a worker's suites), which takes longer than that on a busy machine. `exit`
 * comes only once nothing keeps the event loop alive, so a real leak still holds the worker.
 */
function exitNow(code: number): void {
  process.exit(code);
}

const inJestWorker = /jest-worker[\\/]/.test(process.argv[1] ?? '');

/**
 * What a suite's modules started in Node's process-wide registries, ended when the suite ends.
 * A gateway does such things once per process (prom-client's GC observer and event-loop monitor,
 * src/http/metrics.ts) or keeps them for the process's life (src/background.ts's AsyncLocalStorage):
 * in production that is once, but Jest loads every module afresh for each suite in one worker, so
 * each suite would add its own, and never free them: a GC observer holding the suite's whole module
 * graph (about 6 MB a suite that no GC frees), an event-loop timer ticking every 10 ms, and one more
 * store copied into every promise the worker creates.
 */
const started = new Set<{ end(): void }>();

const observe = perfHooks.PerformanceObserver.prototype.observe;
perfHooks.PerformanceObserver.prototype.observe = function (this: PerformanceObserver, ...args: Parameters<typeof observe>) {
  started.add({ end: () => this.disconnect() });
  return observe.apply(this, args);
};
const monitorEventLoopDelay = perfHooks.monitorEventLoopDelay;
perfHooks.monitorEventLoopDelay = (...args: Parameters<typeof monitorEventLoopDelay>) => {
  const histogram = monitorEventLoopDelay(...args);
  started.add({ end: () => histogram.disable() });
  return histogram;
};
const storages = new Set<AsyncLocalStorage<unknown>>();
for (const method of ['run', 'enterWith'] as const) {
  const original = AsyncLocalStorage.prototype[method] as (...args: unknown[]) => unknown;
  (AsyncLocalStorage.prototype as unknown as Record<string, unknown>)[method] = function (this: AsyncLocalStorage<unknown>, ...args: unknown[]) {
    storages.add(this);
    return original.apply(this, args);
  };
}

/** The node environment: a suite's process-wide leftovers are ended after it, and a worker process ends as soon as its event loop is empty. */
export default class TestEnvironment extends NodeEnvironment {
  override async teardown(): Promise<void> {
    for (const thing of started) thing.end();
    started.clear();
    for (const storage of storages) storage.disable();
    storages.clear();
    await super.teardown();
    if (!inJestWorker) return;
    // Last: process.exit skips the listeners after it, so every other one runs first.
    process.off('exit', exitNow);
    process.on('exit', exitNow);
  }
}
