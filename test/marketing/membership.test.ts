import { ADMIN_API_KEY, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok } from '../support/graphql';
import { social } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';
import { botPage, type Marketer, marketer, pageGid } from './audience.fixtures';

const INVALID_KEY = 'Either API Key Invalid or Member Validity Expired';

let gw: TestGateway;
let expired: Marketer;
let page: number;
let group: number;

const tables = ['contact_groups', 'contacts', 'labels', 'flow_campaigns', 'subscribers'];
const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await gw.count(t)])));

/** Sets a user's expiry straight in the database (an admin's marketing update_user does the same). */
const expire = (userId: number, iso: string | null) => gw.app.database.db.updateTable('users').set({ expired_date: iso }).where('id', '=', userId).execute();

beforeAll(async () => {
  gw = await startTestGateway();
  expired = await marketer(gw, 'lapsed');
  page = await botPage(gw, expired);
  // A group made while the membership ran, to read back after it ends.
  group = ok(await gw.gql('mutation { createContactGroup(name: "Before") { id: databaseId } }', {}, expired.token)).createContactGroup.id;
  await expire(expired.id, '2020-01-01T00:00:00.000Z');
});
afterAll(() => gw.close());

describe('an expired member over GraphQL', () => {
  test('every marketing read and write answers MEMBERSHIP_EXPIRED and writes nothing', async () => {
    const before = await counts();
    const operations: [string, Record<string, unknown>][] = [
      ['mutation { createContactGroup(name: "Late") { id: databaseId } }', {}],
      ['mutation($p: ID!) { createLabel(input: { pageId: $p, name: "Late" }) { id: databaseId } }', { p: pageGid(page) }],
      ['mutation($p: ID!) { createFlowCampaign(input: { name: "Late", pageId: $p, questions: ["Why?"] }) { id: databaseId } }', { p: pageGid(page) }],
      ['mutation($p: ID!) { importSubscribers(input: { pageId: $p, rows: [{ psid: "9001" }] }) { created } }', { p: pageGid(page) }],
      ['mutation($g: ID!) { createContact(input: { groupId: $g, email: "late@example.com" }) { id: databaseId } }', { g: toGlobalId('ContactGroup', group) }],
      ['mutation($g: ID!) { deleteContactGroup(contactGroupId: $g) }', { g: toGlobalId('ContactGroup', group) }],
      ['query { contactGroups { nodes { id: databaseId } } }', {}],
      ['query($g: ID!) { contactGroup(id: $g) { id: databaseId } }', { g: toGlobalId('ContactGroup', group) }],
      ['query($g: ID!) { node(id: $g) { id } }', { g: toGlobalId('ContactGroup', group) }],
      ['query { contacts { nodes { id: databaseId } } }', {}],
      ['query($p: ID!) { labels(pageId: $p) { id: databaseId } }', { p: pageGid(page) }],
      ['query($p: ID!) { subscribers(pageId: $p) { nodes { id: databaseId } } }', { p: pageGid(page) }],
      ['query { flowCampaigns { id: databaseId } }', {}],
      ['query { packages { id: databaseId } }', {}],
    ];
    for (const [query, variables] of operations) {
      const res = await gw.gql(query, variables, expired.token);
      expect([query, code(res)]).toEqual([query, 'MEMBERSHIP_EXPIRED']);
      expect(res.status).toBe(200);
    }
    expect(await counts()).toEqual(before);
  });

  test('the other products keep working: social, chat and community', async () => {
    const friend = await gw.member('lapsedfriend');
    expect(ok(await gw.gql('mutation($i: CreatePostInput!) { createPost(input: $i) { id: databaseId } }', { i: { content: 'still here' } }, expired.token)).createPost.id).toEqual(expect.any(Number));
    expect(
      ok(await gw.gql('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id: databaseId } }', { i: { toUserId: toGlobalId('User', friend.id), text: 'hi' } }, expired.token)).sendMessage.id,
    ).toEqual(expect.any(Number));
    expect((await social(gw, 'send-message', { user_id: String(friend.id), message_hash_id: 'h1', text: 'hi again' }, expired.token)).body.api_status).toBe(200);
    const chats = await gw.http('GET', '/api/chats', { headers: { authorization: `Bearer ${expired.token}` } });
    expect(chats.body.status).toBe('success');
    const basic = `Basic ${Buffer.from(`crm:${expired.key}`).toString('base64')}`;
    const me = await gw.http('GET', `/api/v1/users/${expired.id}`, { headers: { authorization: basic } });
    expect(me.status).toBe(200);
  });
});

describe('the marketing REST door', () => {
  test("answers the documented message for the domain's MEMBERSHIP_EXPIRED, and writes nothing", async () => {
    const before = await counts();
    const res = await gw.http('POST', '/api/create_contact_group', { form: { api_key: expired.key, name: 'Late' } });
    expect(res).toMatchObject({ status: 200, body: { status: 'error', message: INVALID_KEY } });
    expect((await gw.http('GET', `/api/get_all_labels?api_key=${expired.key}&page_id=${page}`)).body).toEqual({ status: 'error', message: INVALID_KEY });
    expect(await counts()).toEqual(before);
  });
});

describe('who never expires', () => {
  test('a member without an expiry date, and an admin whose date has passed', async () => {
    const open = await marketer(gw, 'open');
    await expire(open.id, null);
    expect(ok(await gw.gql('mutation { createContactGroup(name: "Open") { id: databaseId } }', {}, open.token)).createContactGroup.id).toEqual(expect.any(Number));
    const admin = await gw.app.database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await expire(admin.id, '2001-01-01T00:00:00.000Z');
    const token = ok(await gw.gql('mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD })).login.token;
    expect(ok(await gw.gql('mutation { createContactGroup(name: "Admin") { id: databaseId } }', {}, token)).createContactGroup.id).toEqual(expect.any(Number));
    expect((await gw.http('POST', '/api/create_contact_group', { form: { api_key: ADMIN_API_KEY, name: 'Admin 2' } })).body.status).toBe('success');
  });

  test('a renewed member works again at once', async () => {
    const renewed = await marketer(gw, 'renewed');
    await expire(renewed.id, '2020-01-01T00:00:00.000Z');
    expect(code(await gw.gql('query { contactGroups { nodes { id: databaseId } } }', {}, renewed.token))).toBe('MEMBERSHIP_EXPIRED');
    await expire(renewed.id, '2999-12-31T00:00:00.000Z');
    expect(ok(await gw.gql('query { contactGroups { nodes { id: databaseId } } }', {}, renewed.token)).contactGroups.nodes).toEqual([]);
  });
});
