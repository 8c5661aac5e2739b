import { randomUUID } from 'node:crypto';
import { MAX_OPERATION_NAMES, OTHER_OPERATION, UNMATCHED_ROUTE } from '../../src/http/metrics';
import { addSubscription, newSecret, startReceiver, type Receiver, waitFor } from '../webhooks/receiver';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { writeManifest } from '../support/manifest';
import { social } from '../support/social';
import { closeGateway, collect, openSocket, runOver } from '../support/ws';

const community = { authorization: `Basic ${Buffer.from(`sync:${ADMIN_API_KEY}`).toString('base64')}` };
const HTTP = 'gateway_http_request_duration_seconds_count';
const OPERATIONS = 'gateway_graphql_operation_duration_seconds_count';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Every sample of a scrape (comments left out). */
async function scrape(gw: TestGateway): Promise<Sample[]> {
  const res = await gw.http('GET', '/metrics');
  expect(res.status).toBe(200);
  const samples: Sample[] = [];
  for (const line of String(res.body).split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value!;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

function distinct(samples: Sample[], name: string, label: string): Set<string> {
  return new Set(samples.filter((s) => s.name === name).map((s) => s.labels[label]));
}

describe('/metrics series', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => closeGateway(gw));

  test('process and event-loop series, each once', async () => {
    const res = await gw.http('GET', '/metrics');
    const text = String(res.body);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'gateway_subscription_executions_total']) {
      expect(text.split('\n').filter((line) => line.startsWith(`# TYPE ${name} `))).toHaveLength(1);
    }
  });

  test('HTTP requests by route template, family, method and status', async () => {
    const before = await scrape(gw);
    await gw.http('GET', '/healthz');
    await gw.http('GET', '/healthz');
    await gw.gql('query Viewer { viewer { id } }');
    await social(gw, 'get-site-settings', {});
    const roles = await gw.http('GET', '/api/v1/roles', { headers: community });
    expect(roles.status).toBe(200);
    await gw.http('GET', '/api/v1/boards/12345', { headers: community });
    await gw.http('GET', '/no-such-page');
    const after = await scrape(gw);
    const delta = (labels: Record<string, string>) => value(after, HTTP, labels) - value(before, HTTP, labels);
    expect(delta({ method: 'GET', route: '/healthz', family: 'other', status: '200' })).toBe(2);
    expect(delta({ method: 'POST', route: '/graphql', family: 'graphql', status: '200' })).toBe(1);
    expect(delta({ method: 'POST', route: '/api/get-site-settings', family: 'social', status: '200' })).toBe(1);
    expect(delta({ method: 'GET', route: '/api/v1/roles', family: 'community', status: '200' })).toBe(1);
    // The template, not the path: /api/v1/boards/12345 is /api/v1/boards/:board_id.
    expect(delta({ route: '/api/v1/boards/:board_id', family: 'community', status: '404' })).toBe(1);
    expect(after.some((s) => s.labels.route?.includes('12345'))).toBe(false);
    expect(delta({ method: 'GET', route: UNMATCHED_ROUTE, family: 'other', status: '404' })).toBe(1);
    expect(value(after, 'gateway_http_request_duration_seconds_sum', { route: '/healthz' })).toBeGreaterThan(0);
  });

  test('500 requests to random unknown paths add one route label value, not 500', async () => {
    const before = await scrape(gw);
    const routesBefore = distinct(before, HTTP, 'route');
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(Array.from({ length: 50 }, () => gw.http('GET', `/x-${randomUUID()}/${randomUUID()}?q=${randomUUID()}`)));
    }
    const after = await scrape(gw);
    const added = [...distinct(after, HTTP, 'route')].filter((route) => !routesBefore.has(route));
    expect(added.length).toBeLessThanOrEqual(1);
    expect(value(after, HTTP, { route: UNMATCHED_ROUTE }) - value(before, HTTP, { route: UNMATCHED_ROUTE })).toBe(500);
    expect(after.filter((s) => s.name === HTTP).length).toBeLessThan(200);
  });

  test('GraphQL operations by name and outcome', async () => {
    const member = await gw.member('MetricsReader');
    const before = await scrape(gw);
    await gw.gql('query Viewer { viewer { id } }', {}, member.token);
    await gw.gql('query Viewer { viewer { id } }', {}, member.token);
    await gw.gql('query Keys { apiKeys(first: 1) { edges { cursor } } }');
    await gw.gql('{ viewer { id } }');
    await gw.gql('query Broken { noSuchField }');
    const after = await scrape(gw);
    const delta = (labels: Record<string, string>) => value(after, OPERATIONS, labels) - value(before, OPERATIONS, labels);
    expect(delta({ operation: 'Viewer', outcome: 'ok', transport: 'http' })).toBe(2);
    expect(delta({ operation: 'Keys', outcome: 'UNAUTHENTICATED', transport: 'http' })).toBe(1);
    expect(delta({ operation: '(anonymous)', outcome: 'ok', transport: 'http' })).toBe(1);
    expect(delta({ operation: '(none)', outcome: 'GRAPHQL_VALIDATION_FAILED', transport: 'http' })).toBe(1);
  });

  test('SQL statements by kind, and the pool or the statement cache', async () => {
    const before = await scrape(gw);
    await gw.member('MetricsWriter');
    const after = await scrape(gw);
    const delta = (kind: string) => value(after, 'gateway_sql_statements_total', { kind, outcome: 'ok' }) - value(before, 'gateway_sql_statements_total', { kind, outcome: 'ok' });
    expect(delta('select')).toBeGreaterThan(0);
    expect(delta('insert')).toBeGreaterThan(0);
    expect(value(after, 'gateway_sql_statement_seconds_total', { kind: 'select' })).toBeGreaterThan(0);
    if (gw.app.database.dialect === 'postgres') {
      expect(value(after, 'gateway_db_pool_connections')).toBeGreaterThan(0);
      expect(after.some((s) => s.name === 'gateway_db_pool_idle_connections')).toBe(true);
      expect(after.some((s) => s.name === 'gateway_db_pool_waiting_requests')).toBe(true);
      expect(after.some((s) => s.name === 'gateway_db_statement_cache_size')).toBe(false);
    } else {
      expect(value(after, 'gateway_db_statement_cache_size')).toBeGreaterThan(0);
      expect(after.some((s) => s.name === 'gateway_db_pool_connections')).toBe(false);
    }
  });

  test("the outbox: pending deliveries and the oldest one's age", async () => {
    expect(value(await scrape(gw), 'gateway_webhook_outbox_pending')).toBe(0);
    await addSubscription(gw.app.database.db, { targetUrl: 'http://127.0.0.1:9/hook', events: ['member.joined'], secret: newSecret() });
    await gw.member('OutboxOne');
    await gw.member('OutboxTwo');
    const samples = await scrape(gw);
    expect(value(samples, 'gateway_webhook_outbox_pending')).toBe(2);
    const age = value(samples, 'gateway_webhook_outbox_oldest_pending_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
  });

  test('sockets, subscriptions and operations over WebSocket', async () => {
    const member = await gw.member('MetricsSocket');
    const before = await scrape(gw);
    expect(value(before, 'gateway_websocket_sockets')).toBe(0);
    const socket = await openSocket(gw, member.token);
    const result = await runOver(socket.client, 'query OverSocket { viewer { id } }');
    expect(result.data.viewer).not.toBeNull();
    const stream = collect(socket.client, 'subscription Notes { notificationAdded { id } }');
    await waitFor(async () => value(await scrape(gw), 'gateway_websocket_subscriptions') === 1, 5000, 'the subscription to run');
    const during = await scrape(gw);
    expect(value(during, 'gateway_websocket_sockets')).toBe(1);
    expect(value(during, OPERATIONS, { operation: 'OverSocket', outcome: 'ok', transport: 'ws' })).toBe(1);
    expect(value(during, OPERATIONS, { operation: 'Notes', outcome: 'ok', transport: 'ws' })).toBe(1);
    stream.stop();
    await socket.client.dispose();
    await waitFor(async () => value(await scrape(gw), 'gateway_websocket_sockets') === 0, 5000, 'the socket to close');
    expect(value(await scrape(gw), 'gateway_websocket_subscriptions')).toBe(0);
  });
});

describe('operation names', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => closeGateway(gw));

  test(`past ${MAX_OPERATION_NAMES} distinct names, new ones count as ${OTHER_OPERATION}; known ones keep theirs`, async () => {
    await gw.gql('query Early { viewer { id } }');
    for (let i = 0; i < MAX_OPERATION_NAMES + 20; i++) await gw.gql(`query Name${i}_${randomUUID().replace(/-/g, '')} { viewer { id } }`);
    await gw.gql('query Early { viewer { id } }');
    await gw.gql(`query ${'Long'.repeat(20)} { viewer { id } }`);
    const samples = await scrape(gw);
    expect(distinct(samples, OPERATIONS, 'operation').size).toBe(MAX_OPERATION_NAMES + 1);
    expect(value(samples, OPERATIONS, { operation: OTHER_OPERATION })).toBe(21 + 1); // Name99…Name119, and the 80-character name
    expect(value(samples, OPERATIONS, { operation: 'Early' })).toBe(2);
  });

  test(`the trusted documents' names keep their label after callers took the ${MAX_OPERATION_NAMES} places`, async () => {
    const listed = 'query ListedViewer { viewer { id } }';
    const manifest = writeManifest([listed]);
    const trusted = await startTestGateway({ WEBHOOK_DISPATCH: '0', TRUSTED_DOCUMENTS: manifest.file });
    try {
      for (let i = 0; i < MAX_OPERATION_NAMES + 5; i++) await trusted.gql(`query Junk${i} { viewer { id } }`);
      const byId = await trusted.http('POST', '/graphql', { json: { documentId: manifest.id(listed) } });
      expect(byId.body).toEqual({ data: { viewer: null } });
      // The same name in a text of the caller's own: the label names the operation, not the text.
      await trusted.gql('query ListedViewer { viewer { databaseId } }');
      const samples = await scrape(trusted);
      expect(value(samples, OPERATIONS, { operation: 'ListedViewer' })).toBe(2);
      expect(value(samples, OPERATIONS, { operation: OTHER_OPERATION })).toBe(5);
      expect(distinct(samples, OPERATIONS, 'operation').size).toBe(MAX_OPERATION_NAMES + 2);
    } finally {
      await closeGateway(trusted);
      manifest.remove();
    }
  });
});

describe('webhook attempts by outcome', () => {
  let gw: TestGateway;
  let receiver: Receiver;
  const secret = newSecret();
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
    receiver = await startReceiver(secret);
  });
  afterAll(async () => {
    await closeGateway(gw);
    await receiver.close();
  });

  test('a delivered attempt counts, and the outbox empties', async () => {
    await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['member.joined'], secret });
    await gw.member('Delivered');
    await waitFor(async () => value(await scrape(gw), 'gateway_webhook_attempts_total', { outcome: 'delivered' }) === 1, 10_000, 'the delivery');
    const samples = await scrape(gw);
    expect(value(samples, 'gateway_webhook_outbox_pending')).toBe(0);
    expect(value(samples, 'gateway_webhook_outbox_oldest_pending_seconds')).toBe(0);
    expect(receiver.verified()).toHaveLength(1);
  });

  test('a later gateway in the same process shows the process series once, and its own counters from zero', async () => {
    const text = String((await gw.http('GET', '/metrics')).body);
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds']) {
      expect(text.split('\n').filter((line) => line.startsWith(`# TYPE ${name} `))).toHaveLength(1);
    }
    expect(value(await scrape(gw), HTTP, { route: UNMATCHED_ROUTE })).toBe(0);
  });
});
