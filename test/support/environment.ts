import { AsyncLocalStorage } from 'node:async_hooks';
import perfHooks from 'node:perf_hooks';
import vm from 'node:vm';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { LegacyFakeTimers, ModernFakeTimers } from '@jest/fake-timers';
import NodeEnvironment from 'jest-environment-node';

/** Node's own: Jest wraps process.exit for each suite (to report a suite that calls it). */
const exit = process.exit;

/**
 * A Jest worker's `exit` listener that ends the process then and there. jest-worker gives a worker
 * 500 ms to exit once its suites are done, then kills it and warns of leaked handles; an idle
 * worker does reach `exit` at once, but Node's natural exit then tears down the whole V8 heap
 * (300-500 MB after a worker's suites), which takes longer than that on a busy machine. `exit`
 * comes only once nothing keeps the event loop alive, so a real leak still holds the worker.
 */
function exitNow(code: number): void {
  exit(code);
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

/**
 * Suites run in the worker's own realm, not in a fresh `vm` context each: the libraries they use are
 * loaded once per worker by Node (./runtime.js), and objects those libraries make must come from
 * the same `Error`, `Promise` and `Array` as the suite's own, as in production. Jest runs a module
 * with `script.runInContext(environment.context)`; every suite's environment gets one context, the
 * worker's own global, and for it that becomes `runInThisContext`. (The
 * jest-environment-node-single-context package does the same; a dozen lines did not need a dependency.)
 */
const workerContext = vm.createContext(globalThis);
const runInContext = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function (this: vm.Script, context: vm.Context, options?: vm.RunningScriptOptions) {
  return context === workerContext ? this.runInThisContext(options) : runInContext.call(this, context, options);
};

/**
 * What a suite leaves on the shared global object that would hold it (its modules, its gateways) for
 * the rest of the worker's life: type-graphql's and class-validator's metadata, which hold the
 * classes each suite's gateway modules declare afresh, and jest-circus's state, kept under a new
 * `Symbol('JEST_STATE_SYMBOL')` for each suite, so never replaced.
 */
const PER_SUITE_GLOBALS = new Set(['TypeGraphQLMetadataStorage', 'classValidatorMetadataStorage', 'JEST_STATE_SYMBOL', 'TEST_TIMEOUT_SYMBOL']);
const perSuite = (key: string | symbol) => PER_SUITE_GLOBALS.has(typeof key === 'symbol' ? (key.description ?? '') : key);

/**
 * The node environment in the worker's realm (above): a suite's process-wide leftovers are ended
 * after it, and a worker process ends as soon as its event loop is empty.
 */
export default class TestEnvironment extends NodeEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global = globalThis as unknown as typeof this.global;
    this.context = workerContext;
    // As jest-environment-node makes them, over this realm's timers.
    this.fakeTimers = new LegacyFakeTimers({
      config: config.projectConfig,
      global: globalThis,
      moduleMocker: this.moduleMocker!,
      timerConfig: { idToRef: (id: number) => ({ id, ref: () => undefined, unref: () => undefined }), refToId: (timer: { id?: number }) => timer?.id },
    });
    this.fakeTimersModern = new ModernFakeTimers({ config: config.projectConfig, global: globalThis });
  }

  override async teardown(): Promise<void> {
    for (const thing of started) thing.end();
    started.clear();
    for (const storage of storages) storage.disable();
    storages.clear();
    for (const key of Reflect.ownKeys(globalThis)) if (perSuite(key)) Reflect.deleteProperty(globalThis, key);
    // Each suite's wrapper (above) removed, not stacked on the last.
    process.exit = exit;
    await super.teardown();
    if (!inJestWorker) return;
    // Last: process.exit skips the listeners after it, so every other one runs first.
    process.off('exit', exitNow);
    process.on('exit', exitNow);
  }
}
