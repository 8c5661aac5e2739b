import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import { WebSocket } from 'ws';

/**
 * What a stand-in serialises to inside graphql-ws's `next` message. A real payload is always an
 * object, so a message whose payload is this string can only be a stand-in's.
 */
const STAND_IN = 'graphql-ws:shared-payload';
const STAND_IN_TAIL = `,"payload":${JSON.stringify(STAND_IN)}}`;
const PAYLOAD_KEY = Buffer.from(',"payload":');
const CLOSING = Buffer.from('}');

/** The payload a stand-in's serialisation just stood for, until the socket's `send` that follows takes it. */
let standingIn: Buffer | null = null;

type StandIn = { toJSON(): string };

/** One stand-in per result object, and with it the result's payload serialised once. */
const standIns = new WeakMap<ExecutionResult, StandIn>();

/**
 * graphql-ws's `onNext` answer for a result that subscribers share (the same object for all of
 * them): the `next` payload graphql-ws would build from it, serialised on the first call for that
 * object and only referred to after. The message graphql-ws serialises around it carries a
 * stand-in; SharedFrameSocket's `send`, which graphql-ws calls right after, writes the serialised
 * payload in its place, so the bytes on the wire are those graphql-ws would have sent.
 */
export function sharedPayload(result: ExecutionResult): FormattedExecutionResult {
  let standIn = standIns.get(result);
  if (!standIn) {
    const bytes = Buffer.from(JSON.stringify(nextPayload(result)));
    standIn = {
      toJSON: () => {
        standingIn = bytes;
        return STAND_IN;
      },
    };
    standIns.set(result, standIn);
  }
  return standIn as FormattedExecutionResult;
}

/** graphql-ws's own `next` payload (its emit.next): the result without `errors`, then the errors as JSON. */
function nextPayload(result: ExecutionResult): FormattedExecutionResult {
  const { errors, ...withoutErrors } = result;
  return { ...withoutErrors, ...(errors ? { errors: errors.map((error) => error.toJSON()) } : {}) };
}

/**
 * The sockets of the GraphQL WebSocket server (`WebSocketServer`'s `WebSocket` option): a `next`
 * message that carries a stand-in is sent with the shared payload's bytes spliced in, as the text
 * frame graphql-ws would have sent; every other message is sent as it is.
 */
export class SharedFrameSocket extends WebSocket {
  override send(data: unknown, options?: unknown, callback?: unknown): void {
    const payload = standingIn;
    standingIn = null;
    if (payload === null || typeof data !== 'string' || !data.endsWith(STAND_IN_TAIL)) {
      return (super.send as (...args: unknown[]) => void)(data, options, callback);
    }
    const head = Buffer.from(data.slice(0, data.length - STAND_IN_TAIL.length));
    const frame = Buffer.concat([head, PAYLOAD_KEY, payload, CLOSING]);
    const [sendOptions, done] = typeof options === 'function' ? [{}, options] : [options ?? {}, callback];
    super.send(frame, { ...sendOptions, binary: false }, done as ((error?: Error) => void) | undefined);
  }
}
