import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, makeAdmin, ok } from '../support/graphql';

/**
 * The webhooks part of the GraphQL contract (schema/STYLE.md): global ids for subscriptions,
 * deliveries and attempts (node/nodes, owner and admins only), keyset connections for the delivery
 * log and the subscriptions, the delivery status as an enum, one input for update and rotate, and
 * a delete that answers the deleted id.
 */

const TARGET = 'https://93.184.215.14/contract';
const sub = (n: number) => toGlobalId('WebhookSubscription', n);
const delivery = (n: number) => toGlobalId('WebhookDelivery', n);
const attempt = (n: number) => toGlobalId('WebhookAttempt', n);

const LOG = `query($first: Int, $after: String, $last: Int, $before: String, $filter: WebhookDeliveryFilter) {
  webhookDeliveries(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    edges { cursor node { id databaseId status } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const NODES = `query($ids: [ID!]!) {
  nodes(ids: $ids) {
    __typename id
    ... on WebhookSubscription { databaseId targetUrl }
    ... on WebhookDelivery { databaseId status subscriptionDatabaseId }
    ... on WebhookAttempt { databaseId statusCode }
  }
}`;

describe('the webhooks contract', () => {
  let gw: TestGateway;
  let owner: { id: number; token: string };
  let other: { id: number; token: string };
  let adminToken: string;
  const ids = { sub: 0, otherSub: 0, deliveries: [] as number[], otherDelivery: 0, attempts: [] as number[], otherAttempt: 0, event: 0 };
  const now = () => new Date().toISOString();

  async function addDelivery(subscriptionId: number, status = 'delivered'): Promise<number> {
    const db = gw.app.database.db;
    const { id } = await db
      .insertInto('webhook_deliveries')
      .values({ event_id: ids.event, subscription_id: subscriptionId, message_id: `msg_contract${Math.random()}`, status, attempt_count: 1, created_at: now(), updated_at: now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async function addAttempt(deliveryId: number): Promise<number> {
    const row = await gw.app.database.db
      .insertInto('webhook_attempts')
      .values({ delivery_id: deliveryId, attempted_at: now(), duration_ms: 5, status_code: 200, error: null, response_excerpt: 'ok' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
    owner = await gw.member('contractowner');
    other = await gw.member('contractother');
    await makeAdmin(gw, owner.id);
    adminToken = ok(await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }')).login.token;
    const db = gw.app.database.db;
    const subscription = async (userId: number) =>
      (
        await db
          .insertInto('webhook_subscriptions')
          .values({ user_id: userId, target_url: TARGET, events: '["*"]', secret: 'whsec_AAAA', created_at: now(), updated_at: now() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.sub = await subscription(owner.id);
    ids.otherSub = await subscription(other.id);
    ids.event = (
      await db
        .insertInto('webhook_events')
        .values({ event: 'member.joined', payload: '{"event":"member.joined","job_id":0,"entities":{}}', created_at: now() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const status of ['delivered', 'failed', 'pending', 'cancelled', 'delivered']) ids.deliveries.push(await addDelivery(ids.sub, status));
    ids.otherDelivery = await addDelivery(ids.otherSub);
    for (const d of ids.deliveries.slice(0, 2)) ids.attempts.push(await addAttempt(d));
    ids.otherAttempt = await addAttempt(ids.otherDelivery);
  });
  afterAll(() => gw.close());

  test('node and nodes fetch subscriptions, deliveries and attempts for their owner and admins; null for anyone else', async () => {
    const asked = [sub(ids.sub), delivery(ids.deliveries[0]), attempt(ids.attempts[0]), sub(ids.otherSub), delivery(ids.otherDelivery), attempt(ids.otherAttempt)];
    const mine = ok(await gw.gql(NODES, { ids: asked }, owner.token)).nodes;
    expect(mine).toEqual([
      { __typename: 'WebhookSubscription', id: asked[0], databaseId: ids.sub, targetUrl: TARGET },
      { __typename: 'WebhookDelivery', id: asked[1], databaseId: ids.deliveries[0], status: 'DELIVERED', subscriptionDatabaseId: ids.sub },
      { __typename: 'WebhookAttempt', id: asked[2], databaseId: ids.attempts[0], statusCode: 200 },
      // The owner is an admin too, so the other member's objects are visible to them…
      expect.objectContaining({ databaseId: ids.otherSub }),
      expect.objectContaining({ databaseId: ids.otherDelivery }),
      expect.objectContaining({ databaseId: ids.otherAttempt }),
    ]);
    // …but not the other way round, nor to anyone signed out.
    expect(ok(await gw.gql(NODES, { ids: asked }, other.token)).nodes.map((n: any) => n?.databaseId ?? null)).toEqual([null, null, null, ids.otherSub, ids.otherDelivery, ids.otherAttempt]);
    expect(ok(await gw.gql(NODES, { ids: asked })).nodes).toEqual([null, null, null, null, null, null]);
    expect(ok(await gw.gql(NODES, { ids: [delivery(999999)] }, adminToken)).nodes).toEqual([null]);
    const single = ok(await gw.gql('query($id: ID!) { node(id: $id) { id ... on WebhookDelivery { status } } }', { id: delivery(ids.deliveries[1]) }, owner.token)).node;
    expect(single).toEqual({ id: delivery(ids.deliveries[1]), status: 'FAILED' });
  });

  test('nodes costs one statement per webhook type, however many ids', async () => {
    const asked = [...ids.deliveries.map(delivery), ...ids.attempts.map(attempt), sub(ids.sub), sub(ids.otherSub)];
    const before = gw.queries.length;
    ok(await gw.gql(NODES, { ids: asked }, owner.token));
    const sql = gw.queries.slice(before);
    for (const table of ['webhook_subscriptions', 'webhook_deliveries', 'webhook_attempts']) {
      expect(sql.filter((q) => new RegExp(`^select .* from "${table}"`, 'i').test(q))).toHaveLength(1);
    }
  });

  test('the delivery log pages forward and backward by keyset cursors, with no overlap while deliveries are added', async () => {
    const page = async (variables: Record<string, unknown>) => ok(await gw.gql(LOG, variables, owner.token)).webhookDeliveries;
    const first = await page({ first: 2 });
    const newestFirst = [...ids.deliveries].reverse();
    expect(first.edges.map((e: any) => e.node.databaseId)).toEqual(newestFirst.slice(0, 2));
    expect(first.edges[0].node.id).toBe(delivery(newestFirst[0]));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const added = await addDelivery(ids.sub);
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e: any) => e.node.databaseId)).toEqual(newestFirst.slice(2, 4));
    const third = await page({ first: 2, after: second.pageInfo.endCursor });
    expect(third.edges.map((e: any) => e.node.databaseId)).toEqual(newestFirst.slice(4));
    expect(third.pageInfo.hasNextPage).toBe(false);

    const back = await page({ last: 2, before: second.pageInfo.startCursor });
    expect(back.edges.map((e: any) => e.node.databaseId)).toEqual(newestFirst.slice(0, 2));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect((await page({ first: 1 })).edges[0].node.databaseId).toBe(added);

    expect(code(await gw.gql(LOG, { first: 101 }, owner.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(LOG, { after: 'not-a-cursor' }, owner.token))).toBe('BAD_USER_INPUT');
    await gw.app.database.db.deleteFrom('webhook_deliveries').where('id', '=', added).execute();
  });

  test('the delivery status is an enum on the wire and in the filter', async () => {
    const statuses = ok(await gw.gql(LOG, { first: 10 }, owner.token)).webhookDeliveries.edges.map((e: any) => e.node.status);
    expect(statuses).toEqual(['DELIVERED', 'CANCELLED', 'PENDING', 'FAILED', 'DELIVERED']);
    const failed = ok(await gw.gql(LOG, { filter: { status: 'FAILED', subscriptionId: sub(ids.sub) } }, owner.token)).webhookDeliveries.edges;
    expect(failed.map((e: any) => e.node.databaseId)).toEqual([ids.deliveries[1]]);
    expect(code(await gw.gql(LOG, { filter: { status: 'failed' } }, owner.token))).toBe('BAD_USER_INPUT');
    const values = ok(await gw.gql('{ __type(name: "WebhookDeliveryStatus") { enumValues { name } } }')).__type.enumValues.map((v: any) => v.name);
    expect(values.sort()).toEqual(['CANCELLED', 'DELIVERED', 'FAILED', 'PENDING']);
  });

  test('subscriptions page as a connection with totalCount', async () => {
    const LIST = 'query($after: String) { webhookSubscriptions(first: 1, after: $after, allUsers: true) { totalCount nodes { databaseId } pageInfo { hasNextPage endCursor } } }';
    const all = await gw.app.database.db.selectFrom('webhook_subscriptions').select('id').orderBy('id').execute();
    const one = ok(await gw.gql(LIST, {}, adminToken)).webhookSubscriptions;
    expect(one).toMatchObject({ totalCount: all.length, nodes: [{ databaseId: all[0].id }], pageInfo: { hasNextPage: true } });
    const two = ok(await gw.gql(LIST, { after: one.pageInfo.endCursor }, adminToken)).webhookSubscriptions;
    expect(two.nodes).toEqual([{ databaseId: all[1].id }]);
  });

  test('global ids: wrong types and garbage are BAD_USER_INPUT naming the argument', async () => {
    const field = (res: any) => res.body.errors?.[0]?.extensions?.field;
    const checks: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { webhookSubscription(id: $id) { id } }', { id: delivery(ids.deliveries[0]) }, 'id'],
      ['query($id: ID!) { webhookSubscription(id: $id) { id } }', { id: 'garbage' }, 'id'],
      ['mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: sub(ids.sub) }, 'deliveryId'],
      ['mutation($id: ID!) { deleteWebhookSubscription(subscriptionId: $id) }', { id: String(ids.sub) }, 'subscriptionId'],
      ['mutation($id: ID!) { updateWebhookSubscription(input: { subscriptionId: $id, active: true }) { id } }', { id: attempt(1) }, 'input.subscriptionId'],
      ['mutation($id: ID!) { rotateWebhookSecret(input: { subscriptionId: $id }) { secret } }', { id: `${sub(ids.sub)}=` }, 'input.subscriptionId'],
      ['query($id: ID!) { webhookDeliveries(filter: { subscriptionId: $id }) { nodes { id } } }', { id: delivery(1) }, 'filter.subscriptionId'],
    ];
    for (const [query, variables, name] of checks) {
      const res = await gw.gql(query, variables, owner.token);
      expect([code(res), field(res)]).toEqual(['BAD_USER_INPUT', name]);
    }
  });

  test('update and rotate take one input; delete answers the deleted global id', async () => {
    const created = ok(
      await gw.gql('mutation { createWebhookSubscription(input: { events: ["post.created"], targetUrl: "https://93.184.215.14/x" }) { secret subscription { id databaseId } } }', {}, owner.token),
    ).createWebhookSubscription;
    const id = created.subscription.id;
    expect(id).toBe(sub(created.subscription.databaseId));
    const updated = ok(await gw.gql('mutation($id: ID!) { updateWebhookSubscription(input: { subscriptionId: $id, active: false }) { id active } }', { id }, owner.token)).updateWebhookSubscription;
    expect(updated).toEqual({ id, active: false });
    const rotated = ok(
      await gw.gql('mutation($id: ID!) { rotateWebhookSecret(input: { subscriptionId: $id, graceSeconds: 0 }) { secret subscription { id previousSecretExpiresAt } } }', { id }, owner.token),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.subscription).toEqual({ id, previousSecretExpiresAt: null });
    expect(ok(await gw.gql('mutation($id: ID!) { deleteWebhookSubscription(subscriptionId: $id) }', { id }, owner.token))).toEqual({ deleteWebhookSubscription: id });
    expect(ok(await gw.gql('query($id: ID!) { node(id: $id) { id } }', { id }, owner.token)).node).toBeNull();
  });

  test('a user holds at most 100 subscriptions, so GET /api/v1/webhooks (one answer) lists every one', async () => {
    const member = await gw.member('contractmany');
    await makeAdmin(gw, member.id);
    const rows = Array.from({ length: 99 }, () => ({ user_id: member.id, target_url: TARGET, events: '["*"]', secret: 'whsec_AAAA', created_at: now(), updated_at: now() }));
    await gw.app.database.db.insertInto('webhook_subscriptions').values(rows).execute();
    const CREATE = 'mutation { createWebhookSubscription(input: { events: ["*"], targetUrl: "https://93.184.215.14/y" }) { subscription { databaseId } } }';
    ok(await gw.gql(CREATE, {}, member.token));
    expect(code(await gw.gql(CREATE, {}, member.token))).toBe('CONFLICT');
    const key = ok(await gw.gql('mutation { createApiKey(name: "many") { secret } }', {}, member.token)).createApiKey.secret;
    const list = await gw.http('GET', '/api/v1/webhooks', { headers: { authorization: `Basic ${Buffer.from(`zapier:${key}`).toString('base64')}` } });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(100);
    expect(list.headers.get('has_more')).toBe('0');
  });
});
