import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';
import { encodeCursor } from '../../src/graphql/connection';
import { code, makeAdmin, ok } from '../support/graphql';

const TARGET = 'https://93.184.215.14/hook';

const LOG = `query($filter: WebhookDeliveryFilter, $first: Int, $after: String) {
  webhookDeliveries(filter: $filter, first: $first, after: $after) {
    nodes {
      id: databaseId subscriptionId: subscriptionDatabaseId eventId: eventDatabaseId messageId status event attemptCount payload
      attempts { statusCode durationMs error responseExcerpt }
    }
  }
}`;
const REDELIVER =
  'mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id: databaseId subscriptionId: subscriptionDatabaseId eventId: eventDatabaseId messageId status nextAttemptAt attemptCount } }';

describe('the delivery log over rows written directly', () => {
  let gw: TestGateway;
  let owner: { id: number; token: string };
  let other: { id: number; token: string };
  let adminToken: string;
  const ids = { sub: 0, otherSub: 0, deliveries: [] as number[], otherDelivery: 0 };

  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
    owner = await gw.member('logowner');
    other = await gw.member('logother');
    adminToken = ok(await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }')).login.token;
    const db = gw.app.database.db;
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const subscription = async (userId: number) =>
      (
        await db
          .insertInto('webhook_subscriptions')
          .values({ user_id: userId, target_url: TARGET, events: '["*"]', secret: 'whsec_AAAA', created_at: at(100), updated_at: at(100) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.sub = await subscription(owner.id);
    ids.otherSub = await subscription(other.id);
    const event = async (name: string, minutesAgo: number) =>
      (
        await db
          .insertInto('webhook_events')
          .values({ event: name, payload: JSON.stringify({ event: name, job_id: 0, entities: { user: [{ user_id: owner.id }] } }), created_at: at(minutesAgo) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const rows: [string, number, string, number][] = [
      ['member.joined', 60, 'delivered', ids.sub],
      ['post.created', 30, 'failed', ids.sub],
      ['post.created', 10, 'pending', ids.sub],
      ['post.created', 5, 'delivered', ids.otherSub],
    ];
    for (const [i, [name, minutesAgo, status, subscriptionId]] of rows.entries()) {
      const eventId = await event(name, minutesAgo);
      const { id } = await db
        .insertInto('webhook_deliveries')
        .values({ event_id: eventId, subscription_id: subscriptionId, message_id: `msg_test${i}`, status, attempt_count: 2, created_at: at(minutesAgo), updated_at: at(minutesAgo) })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (subscriptionId === ids.sub) ids.deliveries.push(id);
      else ids.otherDelivery = id;
      await db
        .insertInto('webhook_attempts')
        .values([
          { delivery_id: id, attempted_at: at(minutesAgo), duration_ms: 12, status_code: 500, error: null, response_excerpt: 'oops' },
          { delivery_id: id, attempted_at: at(minutesAgo - 1), duration_ms: 30_000, status_code: null, error: 'timeout', response_excerpt: null },
        ])
        .execute();
    }
  });
  afterAll(() => gw.close());

  const log = async (token: string, variables: Record<string, unknown> = {}) => ok(await gw.gql(LOG, variables, token)).webhookDeliveries.nodes;
  const sub = (id: number) => toGlobalId('WebhookSubscription', id);
  const delivery = (id: number) => toGlobalId('WebhookDelivery', id);

  test("lists the viewer's deliveries newest first, each with its attempts and payload", async () => {
    const rows = await log(owner.token);
    expect(rows.map((r: any) => r.id)).toEqual([...ids.deliveries].reverse());
    expect(rows[2]).toMatchObject({ event: 'member.joined', status: 'DELIVERED', messageId: 'msg_test0', attemptCount: 2, payload: { event: 'member.joined' } });
    expect(rows[2].attempts).toEqual([
      { statusCode: 500, durationMs: 12, error: null, responseExcerpt: 'oops' },
      { statusCode: null, durationMs: 30_000, error: 'timeout', responseExcerpt: null },
    ]);
    expect((await log(other.token)).map((r: any) => r.id)).toEqual([ids.otherDelivery]);
  });

  test('filters by subscription, event, status and since; pages by first and after', async () => {
    const [d0, d1, d2] = ids.deliveries;
    expect((await log(owner.token, { filter: { event: 'post.created' } })).map((r: any) => r.id)).toEqual([d2, d1]);
    expect((await log(owner.token, { filter: { status: 'FAILED' } })).map((r: any) => r.id)).toEqual([d1]);
    expect((await log(owner.token, { filter: { since: new Date(Date.now() - 45 * 60_000).toISOString() } })).map((r: any) => r.id)).toEqual([d2, d1]);
    expect((await log(owner.token, { filter: { subscriptionId: sub(ids.sub), event: 'member.joined' } })).map((r: any) => r.id)).toEqual([d0]);
    expect((await log(owner.token, { first: 2 })).map((r: any) => r.id)).toEqual([d2, d1]);
    expect((await log(owner.token, { first: 2, after: encodeCursor([d1]) })).map((r: any) => r.id)).toEqual([d0]);
    expect(code(await gw.gql(LOG, { filter: { event: 'nope.nope' } }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(LOG, { first: 101 }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(LOG, { filter: { subscriptionId: String(ids.sub) } }, owner.token))).toBe('BAD_USER_INPUT');
  });

  test("another user's subscription is NOT_FOUND; admins may read everyone's", async () => {
    expect(code(await gw.gql(LOG, { filter: { subscriptionId: sub(ids.otherSub) } }, owner.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(LOG, { filter: { allUsers: true } }, owner.token))).toBe('FORBIDDEN');
    expect(code(await gw.gql(LOG, {}))).toBe('UNAUTHENTICATED');
    const all = await log(adminToken, { filter: { allUsers: true } });
    expect(all.map((r: any) => r.id)).toEqual([ids.otherDelivery, ...[...ids.deliveries].reverse()]);
    expect((await log(adminToken, { filter: { subscriptionId: sub(ids.otherSub) } })).map((r: any) => r.id)).toEqual([ids.otherDelivery]);
  });

  test('attempts load through one query whatever the page size', async () => {
    const select = (sql: string) => /from "webhook_attempts"/.test(sql);
    const before = gw.queries.filter(select).length;
    await log(owner.token);
    expect(gw.queries.filter(select).length - before).toBe(1);
  });

  test('redeliverWebhook makes a new due delivery of the same event with a new webhook-id', async () => {
    const failed = ids.deliveries[1];
    const before = await gw.count('webhook_deliveries');
    expect(code(await gw.gql(REDELIVER, { id: delivery(failed) }, other.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(REDELIVER, { id: delivery(999999) }, owner.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(REDELIVER, { id: sub(failed) }, owner.token))).toBe('BAD_USER_INPUT');
    expect(await gw.count('webhook_deliveries')).toBe(before);
    const original = await gw.app.database.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', failed).executeTakeFirstOrThrow();
    const again = ok(await gw.gql(REDELIVER, { id: delivery(failed) }, owner.token)).redeliverWebhook;
    expect(again).toMatchObject({ subscriptionId: ids.sub, eventId: original.event_id, status: 'PENDING', attemptCount: 0 });
    expect(again.id).not.toBe(failed);
    expect(again.messageId).toMatch(/^msg_/);
    expect(again.messageId).not.toBe(original.message_id);
    expect(Math.abs(Date.parse(again.nextAttemptAt) - Date.now())).toBeLessThan(5000);
    expect(await gw.count('webhook_deliveries')).toBe(before + 1);
    expect(await gw.app.database.db.selectFrom('webhook_deliveries').select('status').where('id', '=', failed).executeTakeFirstOrThrow()).toEqual({ status: 'failed' });

    await gw.app.database.db.updateTable('webhook_subscriptions').set({ active: 0 }).where('id', '=', ids.sub).execute();
    expect(code(await gw.gql(REDELIVER, { id: delivery(failed) }, owner.token))).toBe('BAD_USER_INPUT');
    await gw.app.database.db.updateTable('webhook_subscriptions').set({ active: 1 }).where('id', '=', ids.sub).execute();
  });
});

describe('end to end with the dispatcher', () => {
  let gw: TestGateway;
  let server: Server;
  const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let waiters: (() => void)[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ url: req.url ?? '', headers: req.headers, body });
        res.writeHead(200).end('ok');
        for (const wake of waiters) wake();
        waiters = [];
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
  });
  afterAll(async () => {
    await gw.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function receivedCount(n: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (received.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} deliveries, got ${received.length}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  test('a REST-hook subscriber receives member.joined signed with its secret, and a redelivery', async () => {
    const { port } = server.address() as AddressInfo;
    const member = await gw.member('e2eowner');
    await makeAdmin(gw, member.id);
    const key = ok(await gw.gql('mutation { createApiKey(name: "zap") { secret } }', {}, member.token)).createApiKey.secret;
    const auth = { authorization: `Basic ${Buffer.from(`zapier:${key}`).toString('base64')}` };
    const sub = await gw.http('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: `http://127.0.0.1:${port}/hook` }, headers: auth });
    expect(sub.status).toBe(201);

    const joined = await gw.member('e2ejoiner');
    await receivedCount(1);
    const first = received[0];
    const payload = new Webhook(sub.body.secret).verify(first.body, first.headers as Record<string, string>) as any;
    expect(payload).toMatchObject({ event: 'member.joined', job_id: expect.any(Number), entities: { user: [{ user_id: joined.id, username: 'e2ejoiner' }] } });
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(first.body, first.headers as Record<string, string>)).toThrow();

    const [delivery] = ok(await gw.gql(LOG, { filter: { subscriptionId: toGlobalId('WebhookSubscription', sub.body.id) } }, member.token)).webhookDeliveries.nodes;
    expect(delivery).toMatchObject({ messageId: first.headers['webhook-id'], event: 'member.joined' });
    ok(await gw.gql(REDELIVER, { id: toGlobalId('WebhookDelivery', delivery.id) }, member.token));
    await receivedCount(2);
    expect(received[1].body).toBe(first.body);
    expect(received[1].headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    expect(new Webhook(sub.body.secret).verify(received[1].body, received[1].headers as Record<string, string>)).toEqual(payload);
  });

  test('after a rotation deliveries verify with the new and, during the grace, the old secret', async () => {
    const { port } = server.address() as AddressInfo;
    const member = await gw.member('e2erotor');
    await makeAdmin(gw, member.id);
    const CREATE = 'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id: databaseId } } }';
    const ROTATE = 'mutation($id: ID!, $grace: Int! = 86400) { rotateWebhookSecret(input: { subscriptionId: $id, graceSeconds: $grace }) { secret } }';
    const created = ok(await gw.gql(CREATE, { input: { events: ['member.joined'], targetUrl: `http://127.0.0.1:${port}/rotate` } }, member.token)).createWebhookSubscription;
    const rotated = ok(await gw.gql(ROTATE, { id: toGlobalId('WebhookSubscription', created.subscription.id) }, member.token)).rotateWebhookSecret.secret;
    const start = received.length;
    await gw.member('e2erotated1');
    await receivedCount(start + 2);
    const graced = received.slice(start).find((r) => r.url === '/rotate')!;
    expect(graced.body).toContain('e2erotated1');
    for (const secret of [created.secret, rotated]) expect(() => new Webhook(secret).verify(graced.body, graced.headers as Record<string, string>)).not.toThrow();

    const final = ok(await gw.gql(ROTATE, { id: toGlobalId('WebhookSubscription', created.subscription.id), grace: 0 }, member.token)).rotateWebhookSecret.secret;
    const next = received.length;
    await gw.member('e2erotated2');
    await receivedCount(next + 2);
    const after = received.slice(next).find((r) => r.url === '/rotate')!;
    expect(after.body).toContain('e2erotated2');
    expect(() => new Webhook(final).verify(after.body, after.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(rotated).verify(after.body, after.headers as Record<string, string>)).toThrow();
  });
});
