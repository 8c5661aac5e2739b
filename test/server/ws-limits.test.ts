import { loadConfig } from '../../src/config';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers, ok } from '../support/graphql';
import { waitFor } from '../support/wait';
import { closeGateway, collect, openSocket, probeMessage, runOver, type Stream } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }';

/** Resolves once every stream got a marker message, so each subscription is running. */
async function allStreaming(gw: TestGateway, viewer: Member, chatId: number, streams: Stream[]): Promise<void> {
  await waitFor(
    () => {
      if (streams.every((s) => s.probes > 0)) return true;
      probeMessage(gw, [viewer.id], chatId);
      return false;
    },
    3000,
    'subscriptions streaming',
  );
}

async function directChat(gw: TestGateway, a: Member, b: Member): Promise<number> {
  return ok(await gw.gql('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }', { with: toGlobalId('User', b.id) }, a.token)).setChatColor.id;
}

describe('WebSocket operations count against the per-credential rate limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_PER_CREDENTIAL: '5' });
  });
  afterAll(() => closeGateway(gw));

  test('HTTP and socket operations of one token share one budget: over it the socket operation gets RATE_LIMITED, the socket stays open', async () => {
    const [ann, bob] = await newMembers(gw, 2, 'wsrate');
    for (let i = 0; i < 2; i++) expect((await gw.gql('{ viewer { id: databaseId } }', {}, ann.token)).status).toBe(200);
    // Opening the socket is one use of the token (test/server/socket-handshakes.test.ts), then two operations.
    const socket = await openSocket(gw, ann.token);
    for (let i = 0; i < 2; i++) expect((await runOver(socket.client, '{ viewer { id: databaseId } }')).data.viewer.id).toBeDefined();
    const over = await runOver(socket.client, '{ viewer { id: databaseId } }');
    expect(over.refused).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) }) })]);
    const overMutation = await runOver(socket.client, 'mutation { createApiKey(name: "over the limit") { secret } }');
    expect(overMutation.refused[0].extensions.code).toBe('RATE_LIMITED');
    expect(await gw.app.database.db.selectFrom('api_keys').select('id').where('user_id', '=', ann.id).execute()).toEqual([]);
    expect(socket.closedWith).toBeNull();
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, ann.token)).status).toBe(429);
    const others = await openSocket(gw, bob.token);
    expect((await runOver(others.client, '{ viewer { id: databaseId } }')).data.viewer.id).toBeDefined();
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
    const first = collect(socket.client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    const second = collect(socket.client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    await allStreaming(gw, bob, chatId, [first, second]);

    const third = collect(socket.client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    await waitFor(() => third.errors.length > 0, 3000, 'third refused');
    expect(third.errors).toEqual([[expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 }) })]]);
    expect((await runOver(socket.client, '{ viewer { id: databaseId } }')).data.viewer.id).toBe(bob.id);

    const sent = ok(await gw.gql(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'to both' } }, ann.token)).sendMessage.id;
    await waitFor(() => first.events.length === 1 && second.events.length === 1, 3000, 'both streamed');
    expect(first.events).toEqual([{ messageAdded: { id: sent, text: 'to both' } }]);
    expect(socket.closedWith).toBeNull();

    first.stop();
    const fourth = collect(socket.client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    await allStreaming(gw, bob, chatId, [fourth]);
    expect(fourth.errors).toEqual([]);
    const other = collect((await openSocket(gw, bob.token)).client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
    await allStreaming(gw, bob, chatId, [other]);
  });

  test('WS_MAX_SUBSCRIPTIONS is validated like the other limits', () => {
    expect(loadConfig({}).wsMaxSubscriptions).toBe(100);
    expect(() => loadConfig({ WS_MAX_SUBSCRIPTIONS: '0' })).toThrow(/WS_MAX_SUBSCRIPTIONS/);
    expect(() => loadConfig({ WS_MAX_SUBSCRIPTIONS: 'lots' })).toThrow(/WS_MAX_SUBSCRIPTIONS/);
  });
});
