import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway } from '../support/ws';

let gw: TestGateway;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_CREDENTIAL: '5' });
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await gw.close();
});

/** Opens a socket and says connection_init: 'ack', or the close code it got instead. */
function handshake(token: string): Promise<string | number> {
  const socket = new WebSocket(gw.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { token } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve('ack');
    });
    socket.on('close', (code) => resolve(code));
  });
}

describe('the per-credential limit and opening many sockets', () => {
  test('each socket a token opens counts against its per-credential limit (5 a minute), as an HTTP request with it would', async () => {
    const { token } = await gw.member('many_sockets');
    const answers: (string | number)[] = [];
    for (let i = 0; i < 8; i++) answers.push(await handshake(token));
    console.log(`8 sockets opened with one token (limit 5 a minute): ${answers.join(' ')}`);
    expect(answers.slice(0, 5)).toEqual(['ack', 'ack', 'ack', 'ack', 'ack']);
    expect(answers.slice(5)).toEqual([1013, 1013, 1013]);
    // The same counter as HTTP: the token is spent there too; another token is not.
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, token)).status).toBe(429);
    expect(await handshake((await gw.member('other_sockets')).token)).toBe('ack');
  });
});

describe('the per-address limit and socket upgrades', () => {
  let byAddress: TestGateway;
  beforeAll(async () => {
    byAddress = await startTestGateway({ RATE_LIMIT_PER_IP: '3', TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await closeGateway(byAddress);
  });

  /** Asks for a socket from the address `forwardedFor` names: 'open', or the HTTP status the upgrade got instead. */
  function upgrade(forwardedFor: string): Promise<string | number> {
    const socket = new WebSocket(byAddress.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws', { headers: { 'x-forwarded-for': forwardedFor } });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => undefined);
    });
  }

  test("an upgrade counts against its address's limit (3 a minute) with its HTTP requests: past it 429 before any socket, another address goes on", async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 2; i++) expect((await byAddress.http('GET', '/healthz', { headers })).status).toBe(200);
    expect(await upgrade('203.0.113.7')).toBe('open');
    expect(await upgrade('203.0.113.7')).toBe(429);
    expect((await byAddress.http('GET', '/healthz', { headers })).status).toBe(429);
    expect(await upgrade('203.0.113.8')).toBe('open');
  });
});
