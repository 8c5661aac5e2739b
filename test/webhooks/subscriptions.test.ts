import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOG } from '../../src/events/domain-event.catalog';
import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { code, makeAdmin, ok } from '../support/graphql';

const PUBLIC_TARGET = 'https://93.184.215.14/hooks/zapier';
const basic = (user: string, key: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` });
const admin = basic('backend_app1', ADMIN_API_KEY);

function expectError(res: { status: number; body: any }, status: number, name: string, message?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ id: expect.any(String), status: name, time: expect.any(String), message: expect.any(String) });
  if (message) expect(res.body.message).toMatch(message);
}

/** An admin (only admins subscribe) with an API key, as Basic auth headers. */
async function memberKey(gw: TestGateway, username: string) {
  const member = await gw.member(username);
  await makeAdmin(gw, member.id);
  const secret = ok(await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, member.token)).createApiKey.secret;
  return { ...member, headers: basic('zapier', secret) };
}

describe('REST hooks (POST/GET/DELETE /api/v1/webhooks)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => gw.close());

  test('only admins subscribe: a member is refused with 403 over REST and FORBIDDEN over GraphQL, and nothing is written', async () => {
    const member = await gw.member('plainmember');
    const secret = ok(await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, member.token)).createApiKey.secret;
    const before = await gw.count('webhook_subscriptions');
    const res = await gw.http('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: PUBLIC_TARGET }, headers: basic('zapier', secret) });
    expectError(res, 403, 'FORBIDDEN', /Only admins may subscribe/);
    const gql = await gw.gql(
      'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }',
      { input: { events: ['member.joined'], targetUrl: PUBLIC_TARGET } },
      member.token,
    );
    expect(code(gql)).toBe('FORBIDDEN');
    expect(await gw.count('webhook_subscriptions')).toBe(before);
  });

  test('subscribe answers 201 with the subscription and a whsec_ secret of at least 24 bytes, once', async () => {
    const alice = await memberKey(gw, 'hookalice');
    const res = await gw.http('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: PUBLIC_TARGET }, headers: alice.headers });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      event: 'member.joined',
      events: ['member.joined'],
      target_url: PUBLIC_TARGET,
      active: true,
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    expect(Buffer.from(res.body.secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    const row = await gw.app.database.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: alice.id, calling_system: 'zapier', target_url: PUBLIC_TARGET, events: '["member.joined"]', secret: res.body.secret, active: 1 });

    const list = await gw.http('GET', '/api/v1/webhooks', { headers: alice.headers });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ id: res.body.id, event: 'member.joined', events: ['member.joined'], target_url: PUBLIC_TARGET, active: true, created_at: res.body.created_at }]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });

  test('event and events accept a name or a list; "*" means every event', async () => {
    const bob = await memberKey(gw, 'hookbob');
    const many = await gw.http('POST', '/api/v1/webhooks', { json: { events: ['post.created', 'comment.created'], target_url: PUBLIC_TARGET }, headers: bob.headers });
    expect(many.status).toBe(201);
    expect(many.body.events).toEqual(['post.created', 'comment.created']);
    expect(many.body).not.toHaveProperty('event');
    const list = await gw.http('POST', '/api/v1/webhooks', { json: { event: ['member.joined', 'member.joined_waitlist'], target_url: PUBLIC_TARGET }, headers: bob.headers });
    expect(list.body.events).toEqual(['member.joined', 'member.joined_waitlist']);
    const all = await gw.http('POST', '/api/v1/webhooks', { json: { event: '*', target_url: PUBLIC_TARGET }, headers: bob.headers });
    expect(all.status).toBe(201);
    expect(all.body.events).toEqual(['*']);
    const mine = await gw.http('GET', '/api/v1/webhooks', { headers: bob.headers });
    expect(mine.body.map((s: any) => s.id)).toEqual([many.body.id, list.body.id, all.body.id]);
  });

  test("unsubscribe answers 204, then 404; another user's or a missing id is 404 and stays", async () => {
    const carol = await memberKey(gw, 'hookcarol');
    const dave = await memberKey(gw, 'hookdave');
    const sub = (await gw.http('POST', '/api/v1/webhooks', { json: { event: 'post.created', target_url: PUBLIC_TARGET }, headers: carol.headers })).body;
    expectError(await gw.http('DELETE', `/api/v1/webhooks/${sub.id}`, { headers: dave.headers }), 404, 'NOT_FOUND', /not found/);
    expect((await gw.http('GET', '/api/v1/webhooks', { headers: dave.headers })).body).toEqual([]);
    expectError(await gw.http('DELETE', '/api/v1/webhooks/999999', { headers: carol.headers }), 404, 'NOT_FOUND');
    expect(await gw.count('webhook_subscriptions')).toBeGreaterThan(0);

    const res = await gw.http('DELETE', `/api/v1/webhooks/${sub.id}`, { headers: carol.headers });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect((await gw.http('GET', '/api/v1/webhooks', { headers: carol.headers })).body).toEqual([]);
    expectError(await gw.http('DELETE', `/api/v1/webhooks/${sub.id}`, { headers: carol.headers }), 404, 'NOT_FOUND');
  });

  test('bad input is 400 in the community envelope and writes nothing', async () => {
    const before = await gw.count('webhook_subscriptions');
    const post = (json: unknown) => gw.http('POST', '/api/v1/webhooks', { json, headers: admin });
    expectError(await post({ event: 'member.exploded', target_url: PUBLIC_TARGET }), 400, 'BAD_REQUEST', /Unknown event "member.exploded"/);
    expectError(await post({ event: ['member.joined', 'nope'], target_url: PUBLIC_TARGET }), 400, 'BAD_REQUEST', /"nope"/);
    expectError(await post({ event: ['*', 'member.joined'], target_url: PUBLIC_TARGET }), 400, 'BAD_REQUEST', /stands alone/);
    expectError(await post({ target_url: PUBLIC_TARGET }), 400, 'BAD_REQUEST', /event is required/);
    expectError(await post({ event: 'member.joined' }), 400, 'BAD_REQUEST', /target_url/);
    expectError(await post({ event: 'member.joined', target_url: 'not a url' }), 400, 'BAD_REQUEST', /target_url must be an absolute/);
    expectError(await post({ event: 'member.joined', target_url: 'ftp://93.184.215.14/x' }), 400, 'BAD_REQUEST', /http or https/);
    expectError(await post({ event: 'member.joined', target_url: 'https://u:p@93.184.215.14/x' }), 400, 'BAD_REQUEST', /credentials/);
    for (const target of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://[::ffff:192.168.0.1]/']) {
      expectError(await post({ event: 'member.joined', target_url: target }), 400, 'BAD_REQUEST', /private, loopback or link-local/);
    }
    expectError(await gw.http('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: PUBLIC_TARGET } }), 403, 'FORBIDDEN');
    expect(await gw.count('webhook_subscriptions')).toBe(before);
  });
});

test('WEBHOOK_ALLOW_PRIVATE_TARGETS=1 accepts a loopback target', async () => {
  const gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DISPATCH: '0' });
  try {
    const res = await gw.http('POST', '/api/v1/webhooks', { json: { event: 'member.joined', target_url: 'http://127.0.0.1:8080/hook' }, headers: admin });
    expect(res.status).toBe(201);
    expect(res.body.target_url).toBe('http://127.0.0.1:8080/hook');
  } finally {
    await gw.close();
  }
});

describe('GraphQL webhook subscriptions', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  });
  afterAll(() => gw.close());

  const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) { secret subscription { id: databaseId userId: userDatabaseId callingSystem events targetUrl active } }
  }`;
  const FIELDS = 'id: databaseId events targetUrl active disabledReason failingSince previousSecretExpiresAt';

  test('create, read, update, rotate and delete, scoped to the owner', async () => {
    const owner = await gw.member('gqlowner');
    await makeAdmin(gw, owner.id);
    const other = await gw.member('gqlother');
    const created = ok(await gw.gql(CREATE, { input: { events: ['post.created'], targetUrl: PUBLIC_TARGET } }, owner.token)).createWebhookSubscription;
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.subscription).toEqual({ id: expect.any(Number), userId: owner.id, callingSystem: null, events: ['post.created'], targetUrl: PUBLIC_TARGET, active: true });
    const id = created.subscription.id;
    expect(code(await gw.gql(CREATE, { input: { events: ['post.nope'], targetUrl: PUBLIC_TARGET } }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE, { input: { events: [], targetUrl: PUBLIC_TARGET } }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(CREATE, { input: { events: ['post.created'], targetUrl: PUBLIC_TARGET } }))).toBe('UNAUTHENTICATED');

    const gid = toGlobalId('WebhookSubscription', id);
    const read = `query($id: ID!) { webhookSubscription(id: $id) { ${FIELDS} } webhookSubscriptions { totalCount nodes { id: databaseId } } }`;
    expect(ok(await gw.gql(read, { id: gid }, owner.token))).toEqual({
      webhookSubscription: { id, events: ['post.created'], targetUrl: PUBLIC_TARGET, active: true, disabledReason: null, failingSince: null, previousSecretExpiresAt: null },
      webhookSubscriptions: { totalCount: 1, nodes: [{ id }] },
    });
    expect(ok(await gw.gql(read, { id: gid }, other.token))).toEqual({ webhookSubscription: null, webhookSubscriptions: { totalCount: 0, nodes: [] } });
    expect(code(await gw.gql('{ webhookSubscriptions(allUsers: true) { nodes { id: databaseId } } }', {}, other.token))).toBe('FORBIDDEN');

    const update = `mutation($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) { ${FIELDS} } }`;
    expect(code(await gw.gql(update, { input: { subscriptionId: gid, active: false } }, other.token))).toBe('FORBIDDEN');
    expect(code(await gw.gql(update, { input: { subscriptionId: gid, targetUrl: 'http://127.0.0.1/x' } }, owner.token))).toBe('BAD_USER_INPUT');
    const off = ok(await gw.gql(update, { input: { subscriptionId: gid, active: false, events: ['comment.created', 'reply.created'] } }, owner.token)).updateWebhookSubscription;
    expect(off).toMatchObject({ active: false, events: ['comment.created', 'reply.created'], targetUrl: PUBLIC_TARGET });
    await gw.app.database.db.updateTable('webhook_subscriptions').set({ disabled_reason: 'failing for 5 days', failing_since: new Date().toISOString() }).where('id', '=', id).execute();
    const on = ok(await gw.gql(update, { input: { subscriptionId: gid, active: true } }, owner.token)).updateWebhookSubscription;
    expect(on).toMatchObject({ active: true, disabledReason: null, failingSince: null, events: ['comment.created', 'reply.created'] });

    const rotate = `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret subscription { previousSecretExpiresAt } } }`;
    expect(code(await gw.gql(rotate, { input: { subscriptionId: gid } }, other.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(rotate, { input: { subscriptionId: gid, graceSeconds: -1 } }, owner.token))).toBe('BAD_USER_INPUT');
    const before = Date.now();
    const rotated = ok(await gw.gql(rotate, { input: { subscriptionId: gid } }, owner.token)).rotateWebhookSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const expires = Date.parse(rotated.subscription.previousSecretExpiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 86400_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 86400_000 + 1000);
    const row = await gw.app.database.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ secret: rotated.secret, previous_secret: created.secret });
    const now = ok(await gw.gql(rotate, { input: { subscriptionId: gid, graceSeconds: 0 } }, owner.token)).rotateWebhookSecret;
    expect(now.subscription.previousSecretExpiresAt).toBeNull();
    expect((await gw.app.database.db.selectFrom('webhook_subscriptions').select('previous_secret').where('id', '=', id).executeTakeFirstOrThrow()).previous_secret).toBeNull();

    const del = `mutation($id: ID!) { deleteWebhookSubscription(subscriptionId: $id) }`;
    expect(code(await gw.gql(del, { id: gid }, other.token))).toBe('NOT_FOUND');
    expect(ok(await gw.gql(del, { id: gid }, owner.token))).toEqual({ deleteWebhookSubscription: gid });
    expect(code(await gw.gql(del, { id: gid }, owner.token))).toBe('NOT_FOUND');
  });

  test("the secret is not a field of a subscription; admins may list everyone's", async () => {
    const res = await gw.gql('{ webhookSubscriptions { nodes { id: databaseId secret } } }', {}, (await gw.member('gqlnosecret')).token);
    expect(res.status).toBe(400);
    const member = await gw.member('gqllisted');
    await makeAdmin(gw, member.id);
    const { id } = ok(await gw.gql(CREATE, { input: { events: ['*'], targetUrl: PUBLIC_TARGET } }, member.token)).createWebhookSubscription.subscription;
    const adminToken = ok(await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }')).login.token;
    const all = ok(await gw.gql('{ webhookSubscriptions(allUsers: true, first: 100) { nodes { id: databaseId userId: userDatabaseId } } }', {}, adminToken)).webhookSubscriptions.nodes;
    expect(all).toContainEqual({ id, userId: member.id });
    expect(ok(await gw.gql(`{ webhookSubscription(id: "${toGlobalId('WebhookSubscription', id)}") { id: databaseId } }`, {}, adminToken)).webhookSubscription).toEqual({ id });
  });

  test('the event catalog lists every event with its entities', async () => {
    const catalog = ok(await gw.gql('{ webhookEventCatalog { name description entities } }')).webhookEventCatalog;
    expect(catalog).toContainEqual({ name: 'member.joined', description: expect.any(String), entities: ['user'] });
    expect(catalog.map((e: any) => e.name)).toEqual(expect.arrayContaining(['member.joined_waitlist', 'post.created', 'notification.created', 'flow.answered']));
  });
});

test('the catalog names every event the domains record, and nothing else', () => {
  const recorded = new Set<string>(['notification.created']);
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(join(__dirname, '../../src/domains')).filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/record\((?:[^'(),]*\?\s*)?'([a-z_.]+)'(?:\s*:\s*'([a-z_.]+)')?/g)) {
      recorded.add(match[1]);
      if (match[2]) recorded.add(match[2]);
    }
  }
  expect(recorded.size).toBeGreaterThan(40);
  expect(EVENT_CATALOG.map((e) => e.name).sort()).toEqual([...recorded].sort());
});
