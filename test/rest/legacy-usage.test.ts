import { LegacyUsageRecorder } from '../../src/http/legacy-usage';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

const USAGE = `{ legacyUsage(family: "chat") { family method path calls distinctCredentials distinctCredentialsExact distinctUserAgents
  topUserAgents { userAgent calls } firstSeen lastSeen days { day calls distinctCredentials distinctUserAgents } } }`;

let gw: TestGateway;
let adminToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = (await gw.http('POST', '/api/login', { form: { email: 'admin@example.com', password: 'admin-password-1' } })).body.token;
});
afterAll(() => gw.close());

test('calls, distinct credentials and user agents per route, over GraphQL and /metrics', async () => {
  const one = await gw.member('alpha');
  const two = await gw.member('beta');
  const calls: [string, string][] = [
    [one.token, 'app/1'],
    [one.token, 'app/2'],
    [two.token, 'app/2'],
    [two.token, 'curl/8'],
    [two.token, 'app/2'],
  ];
  for (const [token, agent] of calls) {
    expect((await gw.http('GET', '/api/chats', { headers: { authorization: `Bearer ${token}`, 'user-agent': agent } })).status).toBe(200);
  }
  // A refused call counts too, with no credential.
  expect((await gw.http('GET', '/api/chats', { headers: { 'user-agent': 'curl/8' } })).status).toBe(401);
  const { body } = await gw.gql(USAGE, {}, adminToken);
  const chats = body.data.legacyUsage.find((r: { path: string }) => r.path === '/api/chats');
  const today = new Date().toISOString().slice(0, 10);
  expect(chats).toEqual({
    family: 'chat',
    method: 'GET',
    path: '/api/chats',
    calls: 6,
    distinctCredentials: 2,
    distinctCredentialsExact: true,
    distinctUserAgents: 3,
    topUserAgents: [
      { userAgent: 'app/2', calls: 3 },
      { userAgent: 'curl/8', calls: 2 },
      { userAgent: 'app/1', calls: 1 },
    ],
    firstSeen: expect.any(String),
    lastSeen: expect.any(String),
    days: [{ day: today, calls: 6, distinctCredentials: 2, distinctUserAgents: 3 }],
  });
  const metrics = await fetch(`${gw.url}/metrics`).then((r) => r.text());
  expect(metrics).toContain('gateway_legacy_calls_total{family="chat",method="GET",route="/api/chats"} 6');
  expect(metrics).toContain('gateway_legacy_distinct_credentials{family="chat",method="GET",route="/api/chats"} 2');
  expect(metrics).toContain('gateway_legacy_distinct_user_agents{family="chat",method="GET",route="/api/chats"} 3');
  expect(metrics).not.toContain(one.token);
});

test('legacyUsage is for admins: FORBIDDEN for a member, UNAUTHENTICATED for nobody', async () => {
  const member = await gw.member('gamma');
  const forbidden = await gw.gql(USAGE, {}, member.token);
  expect(forbidden.body.data).toBeNull();
  expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
  const anonymous = await gw.gql(USAGE);
  expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const byKey = await gw.http('GET', `/api/get_user_info?api_key=${ADMIN_API_KEY}`);
  expect(byKey.status).toBe(200);
});

test('memory stays bounded under 10,000 distinct agents and credentials, with estimates near the truth', () => {
  let day = Date.parse('2026-01-01T12:00:00Z');
  const recorder = new LegacyUsageRecorder(() => new Date(day));
  for (let i = 0; i < 10_000; i++) recorder.record('chat', 'GET', '/api/chats', `user:${i}`, `agent-${i}`);
  const [route] = recorder.usage();
  expect(route.calls).toBe(10_000);
  expect(route.distinctUserAgentsExact).toBe(false);
  expect(Math.abs(route.distinctUserAgents - 10_000) / 10_000).toBeLessThan(0.1);
  expect(Math.abs(route.distinctCredentials - 10_000) / 10_000).toBeLessThan(0.1);
  expect(route.topUserAgents.length).toBe(5);
  const oneDay = recorder.approximateBytes();
  expect(oneDay).toBeLessThan(16 * 1024);
  // 40 days later only 30 buckets remain, each of at most two 1 KiB sketches.
  for (let d = 0; d < 40; d++) {
    day += 86_400_000;
    for (let i = 0; i < 200; i++) recorder.record('chat', 'GET', '/api/chats', `user:${d}-${i}`, `agent-${d}-${i}`);
  }
  const after = recorder.usage()[0];
  expect(after.days.length).toBe(30);
  expect(after.days[0].day).toBe(new Date(day - 29 * 86_400_000).toISOString().slice(0, 10));
  expect(recorder.approximateBytes()).toBeLessThan(30 * 2 * 1024 + 16 * 1024);
});
