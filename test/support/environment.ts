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

/** The node environment, in a Jest worker process ending as soon as its event loop is empty. */
export default class TestEnvironment extends NodeEnvironment {
  override async teardown(): Promise<void> {
    await super.teardown();
    if (!inJestWorker) return;
    // Last: process.exit skips the listeners after it, so every other one runs first.
    process.off('exit', exitNow);
    process.on('exit', exitNow);
  }
}
