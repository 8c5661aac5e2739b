import { attemptDelivery } from '../../src/domains/webhooks/delivery.service';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { makeAdmin, ok } from '../support/graphql';
import { addSubscription, newSecret, type Receiver, startReceiver, waitFor } from './receiver';
import { toGlobalId } from '../../src/graphql/node';

const SUBSCRIBE = 'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id: databaseId } } }';
const SET_STATUS = 'mutation($id: ID!, $status: UserStatus!) { updateUser(input: { userId: $id, status: $status }) { id: databaseId status } }';
const POST = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id: databaseId } }';

async function adminToken(gw: TestGateway): Promise<string> {
  return ok(await gw.gql('mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD })).login.token;
}

/** A second admin who subscribes to post.created through GraphQL; returns their id and subscription id. */
async function subscribedAdmin(gw: TestGateway, name: string, targetUrl: string): Promise<{ id: number; subscription: number }> {
  const owner = await gw.member(name);
  await makeAdmin(gw, owner.id);
  const made = ok(await gw.gql(SUBSCRIBE, { input: { events: ['post.created'], targetUrl } }, owner.token));
  return { id: owner.id, subscription: made.createWebhookSubscription.subscription.id };
}

const deliveriesOf = (gw: TestGateway, subscriptionId: number) =>
  gw.app.database.db.selectFrom('webhook_deliveries').select(['id', 'status']).where('subscription_id', '=', subscriptionId).orderBy('id').execute();

describe('webhook payloads go only to admins who are active now', () => {
  let gw: TestGateway;
  let control: Receiver;
  let muted: Receiver;
  beforeAll(async () => {
    gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001' });
    control = await startReceiver(newSecret());
    muted = await startReceiver(newSecret());
  });
  afterAll(async () => {
    await control.close();
    await muted.close();
    await gw.close();
  });

  test("a banned or inactive admin's subscription gets no delivery row and no POST; it resumes when they are active again", async () => {
    const db = gw.app.database.db;
    const admin = await adminToken(gw);
    await addSubscription(db, { targetUrl: control.url, events: ['post.created'], secret: newSecret() });
    const banned = await subscribedAdmin(gw, 'bannedhookadmin', muted.url);
    const inactive = await subscribedAdmin(gw, 'inactivehookadmin', muted.url);
    expect(ok(await gw.gql(SET_STATUS, { id: toGlobalId('User', banned.id), status: 'BANNED' }, admin)).updateUser.status).toBe('BANNED');
    expect(ok(await gw.gql(SET_STATUS, { id: toGlobalId('User', inactive.id), status: 'INACTIVE' }, admin)).updateUser.status).toBe('INACTIVE');

    const poster = await gw.member('hookposter');
    ok(await gw.gql(POST, { input: { content: 'who hears this' } }, poster.token));
    await waitFor(() => control.received.length === 1, 5000, "the active admin's delivery");
    expect(await deliveriesOf(gw, banned.subscription)).toEqual([]);
    expect(await deliveriesOf(gw, inactive.subscription)).toEqual([]);
    expect(muted.received).toHaveLength(0);

    ok(await gw.gql(SET_STATUS, { id: toGlobalId('User', banned.id), status: 'ACTIVE' }, admin));
    ok(await gw.gql(POST, { input: { content: 'and this' } }, poster.token));
    await waitFor(async () => control.received.length === 2 && (await deliveriesOf(gw, banned.subscription))[0]?.status === 'delivered', 5000, 'both deliveries');
    expect(muted.received).toHaveLength(1);
    expect(await deliveriesOf(gw, inactive.subscription)).toEqual([]);
  });
});

test('a pending delivery whose owner was banned meanwhile is cancelled, not sent', async () => {
  const gw = await startTestGateway({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DELAY_SCALE: '0.001', WEBHOOK_DISPATCH: '0' });
  const receiver = await startReceiver(newSecret());
  try {
    const owner = await subscribedAdmin(gw, 'laterbanned', receiver.url);
    const poster = await gw.member('earlyposter');
    ok(await gw.gql(POST, { input: { content: 'before the ban' } }, poster.token));
    const [pending] = await deliveriesOf(gw, owner.subscription);
    expect(pending.status).toBe('pending');
    ok(await gw.gql(SET_STATUS, { id: toGlobalId('User', owner.id), status: 'BANNED' }, await adminToken(gw)));
    await attemptDelivery(gw.app.gateway.services, pending.id);
    expect(await deliveriesOf(gw, owner.subscription)).toEqual([{ id: pending.id, status: 'cancelled' }]);
    expect(receiver.received).toHaveLength(0);
  } finally {
    await receiver.close();
    await gw.close();
  }
});
