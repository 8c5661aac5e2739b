import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { RunningSubscription } from '../../src/http/socket-sessions';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** An endless stream of fresh results, and the first one handed out. */
function results() {
  const state = { first: null as ExecutionResult | null };
  const stream: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      const value = { data: { n: Math.random() } };
      state.first ??= value;
      return { done: false, value };
    },
    return: async () => ({ done: true, value: undefined }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { stream, state };
}

test('a running subscription does not hold the results it passed on', async () => {
  const running = new RunningSubscription({} as never);
  const { stream, state } = results();
  const tracked = running.track(stream);
  for (let i = 0; i < 3; i++) await tracked.next();
  const passed = new WeakRef(state.first!);
  state.first = null;
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  expect(passed.deref()).toBeUndefined();
});

test('stop ends a waiting next with its error, and every next after it', async () => {
  const running = new RunningSubscription({} as never);
  const never: AsyncIterableIterator<ExecutionResult> = {
    next: () => new Promise(() => undefined),
    return: jest.fn(async () => ({ done: true as const, value: undefined })),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  const tracked = running.track(never);
  const waiting = tracked.next();
  const error = new GraphQLError('gone');
  running.stop(error);
  await expect(waiting).rejects.toBe(error);
  await expect(tracked.next()).rejects.toBe(error);
  expect(never.return).toHaveBeenCalled();
});
