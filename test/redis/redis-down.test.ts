import { createHash } from 'node:crypto';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';

/** A Redis URL nothing listens on: the gateway keeps trying to connect while it serves. */
const UNANSWERED_REDIS = 'redis://127.0.0.1:1';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ REDIS_URL: UNANSWERED_REDIS, RATE_LIMIT_PER_IP: '2', LOGIN_MAX_FAILURES: '2' });
});
afterAll(async () => {
  await closeGateway(gw);
  // ioredis leaves the timers of refused commands and connection attempts (up to 2 s) running; let them lapse so Jest exits clean.
  await new Promise((resolve) => setTimeout(resolve, 2500));
});

test('with Redis down the gateway serves: rate limits are lifted, the login throttle counts in this process, sockets set presence', async () => {
  const member = await gw.member('redisdown', 'right-password');
  for (let i = 0; i < 4; i++) expect((await gw.gql('{ __typename }')).status).toBe(200);
  const login = (password: string) => gw.gql('mutation($p: String!) { login(input: { login: "redisdown", password: $p }) { token } }', { p: password });
  for (let i = 0; i < 2; i++) expect((await login(`wrong-${i}`)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect((await login('right-password')).body.errors[0].extensions.code).toBe('RATE_LIMITED');
  const socket = wsClient(gw, { Authorization: `Bearer ${member.token}` }, { lazy: false });
  await new Promise<void>((resolve) => socket.on('connected', () => resolve()));
  const stored = () => gw.app.database.db.selectFrom('users').select('presence').where('id', '=', member.id).executeTakeFirstOrThrow();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await stored()).presence).toBe('online');
  expect(gw.logLines.some((line) => line.includes('redis'))).toBe(true);
  expect(await gw.http('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', redis: 'unavailable' } });
});

test('with Redis down APQ reads as a miss and a hash sent with its text still runs', async () => {
  const text = '{ roles { name } }';
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(text).digest('hex') };
  const hashOnly = await gw.http('POST', '/graphql', { json: { extensions: { persistedQuery } } });
  expect([hashOnly.status, hashOnly.body.errors[0].extensions.code]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND']);
  const withText = await gw.http('POST', '/graphql', { json: { query: text, extensions: { persistedQuery } } });
  expect(withText.status).toBe(200);
  expect(withText.body.data.roles.length).toBeGreaterThan(0);
});
