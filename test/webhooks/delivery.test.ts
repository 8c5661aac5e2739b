import { Webhook } from 'standardwebhooks';
import { ADMIN_API_KEY, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';
import { addSubscription, deactivateAll, newSecret, type Receiver, sleep, startReceiver, waitFor } from './receiver';

let gw: TestGateway;
let receiver: Receiver;
const secret = newSecret();
const basic = { authorization: `Basic ${Buffer.from(`sync:${ADMIN_API_KEY}`).toString('base64')}` };

beforeAll(async () => {
  gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
  receiver = await startReceiver(secret);
  await addSubscription(gw.app.database.db, { targetUrl: receiver.url, events: ['member.joined'], secret });
});
afterAll(async () => {
  await closeGateway(gw);
  await receiver.close();
});

/** Waits for the verified member.joined delivery of `userId`; checks it against the outbox and the community endpoint. */
async function expectJoined(userId: number) {
  const find = () => receiver.verified().find((r) => r.payload?.event === 'member.joined' && r.payload.entities.user[0].user_id === userId);
  await waitFor(() => find() !== undefined, 5000, `member.joined of ${userId}`);
  const got = find()!;
  const db = gw.app.database.db;
  const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('message_id', '=', got.id).executeTakeFirstOrThrow();
  const event = await db.selectFrom('webhook_events').selectAll().where('id', '=', delivery.event_id).executeTakeFirstOrThrow();
  expect(got.payload.job_id).toBe(event.id);
  expect(got.body).toBe(event.payload);
  expect(Object.keys(got.payload)).toEqual(['event', 'job_id', 'entities']);
  expect(Number(got.timestamp)).toBeGreaterThan(Date.now() / 1000 - 30);
  const msid = got.payload.entities.user[0].msid;
  const community = await gw.http('GET', `/api/v1/users/${msid}`, { headers: basic });
  expect(community.status).toBe(200);
  expect(got.payload.entities.user).toEqual([community.body]);
  await waitFor(async () => (await db.selectFrom('webhook_deliveries').select('status').where('id', '=', delivery.id).executeTakeFirstOrThrow()).status === 'delivered');
  return got;
}

describe('member.joined reaches a subscriber, signed, for a user made through each door', () => {
  test('GraphQL register', async () => {
    const member = await gw.member('DoorGraphql');
    const got = await expectJoined(member.id);
    expect(got.payload.entities.user[0]).toMatchObject({ username: 'DoorGraphql', email: 'doorgraphql@example.com', user_status: 10 });
  });

  test('social create-account', async () => {
    const signup = await social(gw, 'create-account', { username: 'DoorSocial', password: 'secret123', confirm_password: 'secret123', email: 'doorsocial@example.com' });
    await expectJoined(Number(signup.body.user_id));
  });

  test('community POST /api/v1/users', async () => {
    const made = await gw.http('POST', '/api/v1/users', { json: { username: 'DoorCommunity', email: 'doorcommunity@example.com', first_name: 'Door' }, headers: basic });
    expect(made.status).toBeLessThan(300);
    const got = await expectJoined(made.body.user_id);
    expect(got.payload.entities.user[0]).toMatchObject({ first_name: 'Door' });
  });

  test('marketing create_system_user', async () => {
    const now = new Date().toISOString();
    const pkg = await gw.app.database.db.insertInto('packages').values({ package_name: 'Trial', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const made = await gw.http('POST', '/api/create_system_user', {
      form: { api_key: ADMIN_API_KEY, name: 'Mark Eting', email: 'doormarketing@example.com', password: 'pa55word!', package_id: String(pkg.id), expired_date: '2030-01-01' },
    });
    await expectJoined(Number(made.body.id));
  });
});

test('a rolled-back change writes no event and delivers nothing', async () => {
  const db = gw.app.database.db;
  const before = { events: await gw.count('webhook_events'), deliveries: await gw.count('webhook_deliveries') };
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  await expect(
    gw.app.gateway.services.events.transaction(db, async (unit) => {
      await unit.record('member.joined', { user: [admin.id] });
      expect(await unit.trx.selectFrom('webhook_events').select('id').execute()).toHaveLength(before.events + 1);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect({ events: await gw.count('webhook_events'), deliveries: await gw.count('webhook_deliveries') }).toEqual(before);
});

test('an event no active subscription wants writes no outbox row', async () => {
  const before = await gw.count('webhook_events');
  const member = await gw.member('NobodyListens');
  const post = await gw.gql('mutation($input: CreatePostInput!) { createPost(input: $input) { id: databaseId } }', { input: { content: 'hello' } }, member.token);
  expect(post.body.data.createPost.id).toEqual(expect.any(Number));
  expect(await gw.count('webhook_events')).toBe(before + 1); // only member.joined
});

test('post.created carries the post as GET /api/v1/posts/{id} shows it and its author as a community user', async () => {
  const db = gw.app.database.db;
  await deactivateAll(db);
  const hook = await startReceiver(secret);
  try {
    await addSubscription(db, { targetUrl: hook.url, events: ['post.created'], secret });
    const member = await gw.member('Poster');
    const made = await gw.gql('mutation($input: CreatePostInput!) { createPost(input: $input) { id: databaseId } }', { input: { content: 'webhooks #out' } }, member.token);
    await waitFor(() => hook.received.length === 1);
    const { payload, verified } = hook.received[0];
    expect(verified).toBe(true);
    const post = await gw.http('GET', `/api/v1/posts/${made.body.data.createPost.id}`, { headers: basic });
    const author = await gw.http('GET', `/api/v1/users/${member.id}`, { headers: basic });
    expect(payload.event).toBe('post.created');
    expect(post.body.view_count).toBe(1); // this GET's view; the payload was made before it
    expect(payload.entities).toEqual({ post: [{ ...post.body, view_count: 0 }], user: [author.body] });
  } finally {
    await hook.close();
    await deactivateAll(db);
  }
});

describe('secret rotation', () => {
  afterAll(() => deactivateAll(gw.app.database.db));

  test('during the grace period both the old and the new secret verify; after it only the new one', async () => {
    const db = gw.app.database.db;
    await deactivateAll(db);
    const [oldSecret, newSecretValue] = [newSecret(), newSecret()];
    const fresh = await startReceiver(newSecretValue);
    const stale = new Webhook(oldSecret);
    try {
      const grace = await addSubscription(db, {
        targetUrl: fresh.url,
        events: ['member.joined'],
        secret: newSecretValue,
        previousSecret: oldSecret,
        previousExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
      await gw.member('RotationOne');
      await waitFor(() => fresh.received.length === 1);
      const first = fresh.received[0];
      expect(first.verified).toBe(true);
      expect(first.signature.split(' ')).toHaveLength(2);
      expect(() => stale.verify(first.body, { 'webhook-id': first.id, 'webhook-timestamp': first.timestamp, 'webhook-signature': first.signature })).not.toThrow();

      await db
        .updateTable('webhook_subscriptions')
        .set({ previous_secret_expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', grace)
        .execute();
      await gw.member('RotationTwo');
      await waitFor(() => fresh.received.length === 2);
      const second = fresh.received[1];
      expect(second.verified).toBe(true);
      expect(second.signature.split(' ')).toHaveLength(1);
      expect(() => stale.verify(second.body, { 'webhook-id': second.id, 'webhook-timestamp': second.timestamp, 'webhook-signature': second.signature })).toThrow();
    } finally {
      await fresh.close();
    }
  });
});

describe('webhookEvent subscription', () => {
  const SUBSCRIBE = 'subscription($events: [String!]) { webhookEvent(events: $events) }';

  test('an admin receives committed events as webhook payloads; job_id is null when no webhook wanted the event', async () => {
    await deactivateAll(gw.app.database.db);
    const login = await gw.gql('mutation($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }', { login: 'admin', password: ADMIN_PASSWORD });
    const client = wsClient(gw, { Authorization: `Bearer ${login.body.data.login.token}` });
    const got: any[] = [];
    const errors: unknown[] = [];
    client.subscribe({ query: SUBSCRIBE, variables: { events: ['member.joined'] } }, { next: (r) => got.push(r), error: (e) => errors.push(e), complete: () => undefined });
    await sleep(300);
    const member = await gw.member('StreamedOne');
    await waitFor(() => got.length === 1);
    expect(got[0].errors).toBeUndefined();
    const payload = got[0].data.webhookEvent;
    expect(payload).toMatchObject({ event: 'member.joined', job_id: null });
    const community = await gw.http('GET', `/api/v1/users/${member.id}`, { headers: basic });
    expect(payload.entities.user).toEqual([community.body]);

    const hook = await startReceiver(secret);
    try {
      await addSubscription(gw.app.database.db, { targetUrl: hook.url, events: ['*'], secret });
      await gw.member('StreamedTwo');
      await waitFor(() => got.length === 2 && hook.received.length >= 1);
      expect(got[1].data.webhookEvent.job_id).toEqual(expect.any(Number));
      expect(got[1].data.webhookEvent).toEqual(hook.received.find((r) => r.payload.job_id === got[1].data.webhookEvent.job_id)!.payload);
    } finally {
      await hook.close();
      await deactivateAll(gw.app.database.db);
    }
    expect(errors).toEqual([]);
  });

  test('a member is refused with FORBIDDEN', async () => {
    const member = await gw.member('NotAnAdmin');
    const client = wsClient(gw, { Authorization: `Bearer ${member.token}` });
    const results: any[] = [];
    const errors: any[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query: SUBSCRIBE },
        {
          next: (r) => results.push(r),
          error: (e) => {
            errors.push(e);
            resolve();
          },
          complete: () => resolve(),
        },
      );
    });
    const codes = [...results.flatMap((r) => r.errors ?? []), ...errors.flatMap((e) => (Array.isArray(e) ? e : [e]))].map((e) => e.extensions?.code);
    expect(codes).toContain('FORBIDDEN');
    expect(results.every((r) => r.data == null || r.data.webhookEvent == null)).toBe(true);
  });
});
