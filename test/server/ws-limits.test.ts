import type { Client } from 'graphql-ws';
import { loadConfig } from '../../src/config';
import { Topic } from '../../src/graphql/pubsub';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers, ok } from '../support/graphql';
import { waitFor } from '../support/wait';
import { closeGateway, wsClient } from '../support/ws';

type Stream = { events: any[]; errors: any[]; probes: number; completed: boolean };
type Socket = { client: Client; closedWith: number | null };

const PROBE = '__probe__';
const MESSAGE_ADDED = 'subscription($chatId: Int!) { messageAdded(chatId: $chatId) { id text } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }';

async function openSocket(gw: TestGateway, token: string): Promise<Socket> {
  const socket: Socket = { client: null as unknown as Client, closedWith: null };
  socket.client = wsClient(gw, { Authorization: `Bearer ${token}` }, { lazy: false, onClose: (code) => (socket.closedWith ??= code) });
  await new Promise<void>((resolve) => socket.client.on('connected', () => resolve()));
  return socket;
}

/** One operation over the socket: its result, or `{ refused }` with the errors of an `error` message. */
function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return new Promise((resolve) => {
    let result: unknown;
    client.subscribe({ query, variables }, {
      next: (value) => (result = value),
      error: (error) => resolve({ refused: error }),
      complete: () => resolve(result),
    });
  });
}

function collect(client: Client, chatId: number): { stream: Stream; stop: () => void } {
  const stream: Stream = { events: [], errors: [], probes: 0, completed: false };
  const stop = client.subscribe<Record<string, any>>({ query: MESSAGE_ADDED, variables: { chatId } }, {
    next: (result) => (result.data?.messageAdded?.text === PROBE ? stream.probes++ : stream.events.push(result.errors ? result : result.data)),
    error: (error) => stream.errors.push(error),
    complete: () => (stream.completed = true),
  });
  return { stream, stop };
}

function probe(gw: TestGateway, viewerId: number, chatId: number): void {
  const message = { id: 0, chat_id: chatId, sender_id: 0, body: PROBE, media_url: null, media_type: null, reply_to_id: null, hash_id: null, created_at: new Date().toISOString(), edited_at: null, deleted_at: null };
  gw.app.gateway.services.pubsub.publish(Topic.MessageAdded, { chatId, userIds: [viewerId], message });
}

/** Resolves once every stream got a marker message, so each subscription is running. */
async function allStreaming(gw: TestGateway, viewer: Member, chatId: number, streams: Stream[]): Promise<void> {
  await waitFor(() => {
    if (streams.every((s) => s.probes > 0)) return true;
    probe(gw, viewer.id, chatId);
    return false;
  }, 3000, 'subscriptions streaming');
}

async function directChat(gw: TestGateway, a: Member, b: Member): Promise<number> {
  return ok(await gw.gql('mutation($with: Int!) { setChatColor(withUserId: $with, color: "#ffffff") { id } }', { with: b.id }, a.token)).setChatColor.id;
}

describe('WebSocket operations count against the per-credential rate limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_PER_CREDENTIAL: '5' });
  });
  afterAll(() => closeGateway(gw));

  test('HTTP and socket operations of one token share one budget: over it the socket operation gets RATE_LIMITED, the socket stays open', async () => {
    const [ann, bob] = await newMembers(gw, 2, 'wsrate');
    for (let i = 0; i < 2; i++) expect((await gw.gql('{ viewer { id } }', {}, ann.token)).status).toBe(200);
    // Opening the socket is one use of the token (test/attack/socket-handshakes.test.ts), then two operations.
    const socket = await openSocket(gw, ann.token);
    for (let i = 0; i < 2; i++) expect((await run(socket.client, '{ viewer { id } }')).data.viewer.id).toBeDefined();
    const over = await run(socket.client, '{ viewer { id } }');
    expect(over.refused).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) }) })]);
    const overMutation = await run(socket.client, 'mutation { createApiKey(name: "over the limit") { secret } }');
    expect(overMutation.refused[0].extensions.code).toBe('RATE_LIMITED');
    expect(await gw.app.database.db.selectFrom('api_keys').select('id').where('user_id', '=', ann.id).execute()).toEqual([]);
    expect(socket.closedWith).toBeNull();
    expect((await gw.gql('{ viewer { id } }', {}, ann.token)).status).toBe(429);
    const others = await openSocket(gw, bob.token);
    expect((await run(others.client, '{ viewer { id } }')).data.viewer.id).toBeDefined();
  });
});

describe('WS_MAX_SUBSCRIPTIONS', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WS_MAX_SUBSCRIPTIONS: '2' });
  });
  afterAll(() => closeGateway(gw));

  test('a socket runs at most WS_MAX_SUBSCRIPTIONS: the next gets TOO_MANY_SUBSCRIPTIONS, the others keep streaming, a completed one frees its place', async () => {
    const [ann, bob] = await newMembers(gw, 2, 'wscap');
    const chatId = await directChat(gw, ann, bob);
    const socket = await openSocket(gw, bob.token);
    const first = collect(socket.client, chatId);
    const second = collect(socket.client, chatId);
    await allStreaming(gw, bob, chatId, [first.stream, second.stream]);

    const third = collect(socket.client, chatId);
    await waitFor(() => third.stream.errors.length > 0, 3000, 'third refused');
    expect(third.stream.errors).toEqual([[expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 }) })]]);
    expect((await run(socket.client, '{ viewer { id } }')).data.viewer.id).toBe(bob.id);

    const sent = ok(await gw.gql(SEND, { input: { chatId, text: 'to both' } }, ann.token)).sendMessage.id;
    await waitFor(() => first.stream.events.length === 1 && second.stream.events.length === 1, 3000, 'both streamed');
    expect(first.stream.events).toEqual([{ messageAdded: { id: sent, text: 'to both' } }]);
    expect(socket.closedWith).toBeNull();

    first.stop();
    const fourth = collect(socket.client, chatId);
    await allStreaming(gw, bob, chatId, [fourth.stream]);
    expect(fourth.stream.errors).toEqual([]);
    const other = collect((await openSocket(gw, bob.token)).client, chatId);
    await allStreaming(gw, bob, chatId, [other.stream]);
  });

  test('WS_MAX_SUBSCRIPTIONS is validated like the other limits', () => {
    expect(loadConfig({}).wsMaxSubscriptions).toBe(100);
    expect(() => loadConfig({ WS_MAX_SUBSCRIPTIONS: '0' })).toThrow(/WS_MAX_SUBSCRIPTIONS/);
    expect(() => loadConfig({ WS_MAX_SUBSCRIPTIONS: 'lots' })).toThrow(/WS_MAX_SUBSCRIPTIONS/);
  });
});
