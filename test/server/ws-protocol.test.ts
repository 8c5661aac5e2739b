import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { attachWebSocketServer } from '../../src/http/websocket';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** The gateway with small limits; a second server on its services uses short socket timings. */
let gw: TestGateway;
let token: string;
let quick: { app: FastifyInstance; url: string; close: () => Promise<void> };

const INIT_WAIT_MS = 300;
const KEEP_ALIVE_MS = 200;
const noMetrics = { subscriptionExecutions: { inc() {} }, subscriptionDeliveries: { inc() {} }, subscriptionGroups: { set() {} } };

beforeAll(async () => {
  gw = await startTestGateway({ QUERY_MAX_DEPTH: '3', QUERY_MAX_COST: '100', INTROSPECTION: '0' });
  token = (await gw.member('socketeer')).token;
  const app = Fastify();
  const { schema, services } = gw.app.gateway;
  const close = attachWebSocketServer(app, schema, services, noMetrics, { connectionInitWaitMs: INIT_WAIT_MS, keepAliveMs: KEEP_ALIVE_MS });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  quick = { app, url: address.replace(/^http/, 'ws') + '/graphql', close };
});
afterAll(async () => {
  await quick.close();
  await quick.app.close();
  await gw.close();
});

type Raw = {
  socket: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; after: number }>;
  next(): Promise<any>;
  send(message: unknown): void;
};
const sockets: Raw[] = [];
afterEach(() => {
  for (const raw of sockets.splice(0)) raw.socket.terminate();
});

/** A raw `graphql-transport-ws` socket: every frame is ours to send, every answer is recorded. */
async function raw(url = gw.url.replace(/^http/, 'ws') + '/graphql', options: WebSocket.ClientOptions = {}): Promise<Raw> {
  const socket = new WebSocket(url, 'graphql-transport-ws', options);
  const messages: any[] = [];
  const waiting: ((message: any) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const opened = Date.now();
  const closed = new Promise<{ code: number; after: number }>((resolve) => socket.on('close', (code) => resolve({ code, after: Date.now() - opened })));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const entry: Raw = {
    socket,
    messages,
    closed,
    next: () => (messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiting.push(resolve))),
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
  sockets.push(entry);
  return entry;
}

/** A raw socket past `connection_init` with the member's token. */
async function acknowledged(url?: string, options?: WebSocket.ClientOptions): Promise<Raw> {
  const socket = await raw(url, options);
  socket.send({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } });
  expect(await socket.next()).toEqual({ type: 'connection_ack' });
  return socket;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PRESENCE = { query: 'subscription { presenceChanged(userIds: ["VXNlcjox"]) { userId: userDatabaseId presence } }' };

describe('close codes', () => {
  test('4408 when no connection_init comes within the wait (300 ms here)', async () => {
    const socket = await raw(quick.url);
    const { code, after } = await socket.closed;
    expect(code).toBe(4408);
    expect(after).toBeGreaterThanOrEqual(INIT_WAIT_MS - 50);
    expect(after).toBeLessThan(INIT_WAIT_MS + 700);
  });

  test('4429 on a second connection_init', async () => {
    const socket = await acknowledged();
    socket.send({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } });
    expect((await socket.closed).code).toBe(4429);
  });

  test('4401 on subscribe before connection_ack', async () => {
    const socket = await raw();
    socket.send({ id: '1', type: 'subscribe', payload: PRESENCE });
    expect((await socket.closed).code).toBe(4401);
  });

  test('4409 when a subscription id is already in use', async () => {
    const socket = await acknowledged();
    socket.send({ id: 'same', type: 'subscribe', payload: PRESENCE });
    await sleep(100);
    socket.send({ id: 'same', type: 'subscribe', payload: PRESENCE });
    expect((await socket.closed).code).toBe(4409);
  });

  test('4400 on a message that is not JSON, or of an unknown type', async () => {
    for (const message of ['{not json', { type: 'hello' }]) {
      const socket = await acknowledged();
      socket.send(message);
      expect((await socket.closed).code).toBe(4400);
    }
  });

  test('4403 on connection_init with a bad token or none', async () => {
    for (const payload of [{ Authorization: 'Bearer not-a-token' }, {}]) {
      const socket = await raw();
      socket.send({ type: 'connection_init', payload });
      expect((await socket.closed).code).toBe(4403);
      expect(socket.messages).toEqual([]);
    }
  });
});

describe('heartbeat (a ping every 200 ms here)', () => {
  test('a client that does not answer pings is terminated within about two intervals', async () => {
    const socket = await acknowledged(quick.url, { autoPong: false });
    const { code, after } = await socket.closed;
    expect(code).toBe(1006); // terminated: no close frame
    expect(after).toBeGreaterThanOrEqual(2 * KEEP_ALIVE_MS - 50);
    expect(after).toBeLessThan(2 * KEEP_ALIVE_MS + 600);
  });

  test('a client that answers stays connected over several intervals and gets a ping each one', async () => {
    const socket = await acknowledged(quick.url);
    let pings = 0;
    socket.socket.on('ping', () => pings++);
    await sleep(6 * KEEP_ALIVE_MS);
    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
    expect(pings).toBeGreaterThanOrEqual(4);
  });

  test('shutdown closes open sockets with 1001 and stops their timers', async () => {
    const app = Fastify();
    const close = attachWebSocketServer(app, gw.app.gateway.schema, gw.app.gateway.services, noMetrics, { connectionInitWaitMs: INIT_WAIT_MS, keepAliveMs: KEEP_ALIVE_MS });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const socket = await acknowledged(address.replace(/^http/, 'ws') + '/graphql');
    await close();
    await app.close();
    expect((await socket.closed).code).toBe(1001);
  });
});

describe('operations keep the query limits', () => {
  const DEEP = '{ viewer { followers { nodes { id: databaseId } } } }'; // 4 deep, QUERY_MAX_DEPTH=3
  const readsUsers = () => gw.queries.filter((sql) => /from "users"|from "follows"/i.test(sql)).length;

  test('a query within the limits runs its resolvers', async () => {
    const socket = await acknowledged();
    const before = readsUsers();
    socket.send({ id: 'ok', type: 'subscribe', payload: { query: '{ viewer { username } }' } });
    expect(await socket.next()).toEqual({ id: 'ok', type: 'next', payload: { data: { viewer: { username: 'socketeer' } } } });
    expect(await socket.next()).toEqual({ id: 'ok', type: 'complete' });
    expect(readsUsers()).toBeGreaterThan(before);
  });

  test('a query deeper than QUERY_MAX_DEPTH gets an error frame and runs no resolver', async () => {
    const socket = await acknowledged();
    const before = readsUsers();
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: DEEP } });
    const answer = await socket.next();
    expect(answer).toEqual({ id: 'deep', type: 'error', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) })] });
    await sleep(100);
    expect(socket.messages).toEqual([]);
    expect(readsUsers()).toBe(before);
    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
  });

  test('a subscription deeper than QUERY_MAX_DEPTH gets an error frame', async () => {
    const socket = await acknowledged();
    socket.send({ id: 'deep-sub', type: 'subscribe', payload: { query: 'subscription { messageAdded(chatId: 1) { sender { followers { totalCount } } } }' } });
    expect(await socket.next()).toEqual({ id: 'deep-sub', type: 'error', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP' }) })] });
  });

  test('a query over QUERY_MAX_COST gets QUERY_TOO_COMPLEX', async () => {
    const socket = await acknowledged();
    socket.send({ id: 'cost', type: 'subscribe', payload: { query: '{ viewer { followers(first: 100) { totalCount } } }' } });
    expect(await socket.next()).toEqual({ id: 'cost', type: 'error', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) })] });
  });

  test('introspection is refused where INTROSPECTION=0, as over HTTP', async () => {
    const socket = await acknowledged();
    socket.send({ id: 'schema', type: 'subscribe', payload: { query: '{ __schema { queryType { name } } }' } });
    expect(await socket.next()).toEqual({
      id: 'schema',
      type: 'error',
      payload: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('introspection has been disabled') })]),
    });
  });

  test('a syntax error is an error frame and the socket stays open', async () => {
    const socket = await acknowledged();
    socket.send({ id: 'bad', type: 'subscribe', payload: { query: '{ viewer { ' } });
    expect(await socket.next()).toEqual({ id: 'bad', type: 'error', payload: [expect.objectContaining({ message: expect.stringContaining('Syntax Error') })] });
    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
  });
});
