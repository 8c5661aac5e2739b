import { toGlobalId } from '../../src/graphql/node';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { expectError, social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';

/**
 * Answers outside a document's listed values, each kept or aligned on purpose (README, "Where a
 * document contradicts itself"), and the community boards and lists the document describes.
 */

let gw: TestGateway;
const admin = { authorization: `Basic ${Buffer.from(`backend:${ADMIN_API_KEY}`).toString('base64')}` };
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

/** Runs one query over a graphql-ws socket authenticated with `token`. */
function overSocket(token: string, query: string): Promise<any> {
  const client = wsClient(gw, { Authorization: `Bearer ${token}` });
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

async function apiKeyOf(token: string): Promise<string> {
  return (await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, token)).body.data.createApiKey.secret;
}

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`app:${key}`).toString('base64')}` });

describe('social', () => {
  const react = async (token: string, id: number, action: string) => (await social(gw, 'post-actions', { post_id: String(id), action }, token)).body;

  test("post-actions: wonder and dislike are one reaction (WoWonder's second button); a second press of either takes it back as un…", async () => {
    const me = await gw.member('twoname');
    const id = (await gw.gql('mutation { createPost(input: { content: "one slot" }) { id: databaseId } }', {}, me.token)).body.data.createPost.id;
    expect(await react(me.token, id, 'dislike')).toEqual({ api_status: 200, action: 'disliked' });
    expect(await react(me.token, id, 'wonder')).toEqual({ api_status: 200, action: 'unwondered' });
    expect((await gw.gql(`{ post(id: "${toGlobalId('Post', id)}") { reactions { s1 s2 } } }`)).body.data.post.reactions).toEqual({ s1: 0, s2: 0 });
    expect(await react(me.token, id, 'wonder')).toEqual({ api_status: 200, action: 'wondered' });
    expect(await react(me.token, id, 'like')).toEqual({ api_status: 200, action: 'liked' });
    expect((await gw.gql(`{ post(id: "${toGlobalId('Post', id)}") { reactions { s1 s2 } } }`)).body.data.post.reactions).toEqual({ s1: 1, s2: 0 });
    expect(await react(me.token, id, 'like')).toEqual({ api_status: 200, action: 'unliked' });
  });

  test('follow-user answers requested for an account that approves followers, and unfollowed when the request is withdrawn', async () => {
    const shy = await gw.member('shyone');
    const fan = await gw.member('shyfan');
    await gw.app.database.db
      .updateTable('users')
      .set({ follow_privacy: 1 } as never)
      .where('id', '=', shy.id)
      .execute();
    expect((await social(gw, 'follow-user', { user_id: String(shy.id) }, fan.token)).body).toEqual({ api_status: 200, follow_status: 'requested' });
    expect((await social(gw, 'follow-user', { user_id: String(shy.id) }, fan.token)).body).toEqual({ api_status: 200, follow_status: 'unfollowed' });
  });

  test("join-group answers requested for a group that approves members, and left (the document's word) when the request is withdrawn", async () => {
    const owner = await gw.member('gatekeeper');
    const runner = await gw.member('gaterunner');
    const made = await social(gw, 'create-group', { group_name: 'gated_club', group_title: 'Gated', about: 'x', category: '1', privacy: '1', join_privacy: '2' }, owner.token);
    const groupId = made.body.group_data.group_id;
    expect((await social(gw, 'join-group', { group_id: groupId }, runner.token)).body).toEqual({ api_status: 200, join_status: 'requested' });
    expect((await social(gw, 'join-group', { group_id: groupId }, runner.token)).body).toEqual({ api_status: 200, join_status: 'left' });
  });

  test('a missing or wrong server_key answers api_status "400" (the document: every error), error_id 1', async () => {
    expectError(await gw.http('POST', '/api/get-site-settings', { form: { server_key: 'nope' } }), 1, 'Error: invalid server_key', '400');
    expectError(await gw.http('POST', '/api/get-site-settings', { form: {} }), 1, /server_key is missing/, '400');
  });
});

describe('marketing', () => {
  test('system-user endpoints are for admin keys: a member key is refused and nothing is written or shown', async () => {
    const member = await gw.member('mktmember');
    const key = await apiKeyOf(member.token);
    const before = await gw.count('users');
    const refused = { status: 'error', message: 'This endpoint is for admin users only' };
    expect((await gw.http('GET', `/api/get_user_info?api_key=${key}&user_id=1`)).body).toEqual(refused);
    const form = { api_key: key, name: 'Sneaky', email: 'sneaky@test.com', password: 'pa55word!', package_id: '1', expired_date: '2099-01-01' };
    expect((await gw.http('POST', '/api/create_system_user', { form })).body).toEqual(refused);
    expect((await gw.http('POST', `/api/update_user/${member.id}`, { form: { api_key: key, expired_date: '2099-01-01' } })).body).toEqual(refused);
    expect(await gw.count('users')).toBe(before);
    expect((await gw.http('GET', `/api/get_all_packages?api_key=${key}`)).body.status).toBe('success');
  });
});

describe('community', () => {
  test('user_status is a number (the document\'s samples with values show 10; "string" is only its type placeholder)', async () => {
    const me = await gw.http('GET', '/api/v1/users/me', { headers: admin });
    expect(me.body.user_status).toBe(10);
    const list = await gw.http('GET', '/api/v1/users', { headers: admin });
    for (const user of list.body) expect(typeof user.user_status).toBe('number');
  });

  test('an admin key reads, lists and edits the private board it made without being a member (GraphQL board and boards, over HTTP and WebSocket, agree); posting there still takes membership', async () => {
    const hidden = { board_name: 'Staff room', is_private: true, hidden_type: 2, permission_for: 10, needs_approval: false };
    const made = await gw.http('POST', '/api/v1/boards', { json: hidden, headers: admin });
    expect(made.status).toBe(200);
    const id = made.body.board_id;
    expect((await gw.http('PUT', `/api/v1/boards/${id}`, { json: { ...hidden, board_name: 'Staff lounge' }, headers: admin })).status).toBe(200);
    const read = await gw.http('GET', `/api/v1/boards/${id}`, { headers: admin });
    expect([read.status, read.body.board_name]).toEqual([200, 'Staff lounge']);
    const listed = await gw.http('GET', '/api/v1/boards?page_size=50', { headers: admin });
    expect(listed.body.map((b: { board_id: number }) => b.board_id)).toContain(id);

    const login = await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }');
    const adminToken = login.body.data.login.token;
    expect((await gw.gql(`{ board(id: "${toGlobalId('Board', id)}") { name } }`, {}, adminToken)).body.data.board).toEqual({ name: 'Staff lounge' });
    expect((await gw.gql('{ boards(first: 50) { nodes { databaseId } } }', {}, adminToken)).body.data.boards.nodes).toContainEqual({ databaseId: id });
    expect((await overSocket(adminToken, `{ board(id: "${toGlobalId('Board', id)}") { name } }`)).data.board).toEqual({ name: 'Staff lounge' });

    // Its posts are a member's experience: the document asks to add admins to a private board for that.
    const adminMsid = (await gw.http('GET', '/api/v1/users/me', { headers: admin })).body.msid;
    const newPost = () => gw.http('POST', '/api/v1/posts', { json: { board_id: id, headline: 'h', content: 'c', authors: [adminMsid] }, headers: admin });
    expect((await newPost()).status).toBe(403);
    await gw.http('PUT', `/api/v1/boards/${id}/members`, { json: { member_changes: { [adminMsid]: true } }, headers: admin });
    expect((await newPost()).status).toBe(200);

    const member = await gw.member('boardoutsider');
    const key = basic(await apiKeyOf(member.token));
    expect((await gw.http('GET', `/api/v1/boards/${id}`, { headers: key })).status).toBe(404);
    expect((await gw.http('GET', '/api/v1/boards?page_size=50', { headers: key })).body.map((b: { board_id: number }) => b.board_id)).not.toContain(id);
    expect((await gw.gql(`{ board(id: "${toGlobalId('Board', id)}") { name } }`, {}, member.token)).body.data.board).toBeNull();
    expect((await overSocket(member.token, `{ board(id: "${toGlobalId('Board', id)}") { name } }`)).data.board).toBeNull();
  });

  test('every list endpoint sends the has_more header, GET /roles and GET /webhooks included', async () => {
    const lists = ['/users', '/boards', '/roles', '/tags', '/tags/search?q=a', '/tags/mapping?ref_id=1&ref_type=POST', '/webhooks'];
    for (const path of lists) {
      const res = await gw.http('GET', `/api/v1${path}`, { headers: admin });
      expect([path, res.status, Array.isArray(res.body)]).toEqual([path, 200, true]);
      expect([path, res.headers.get('has_more')]).toEqual([path, expect.stringMatching(/^[01]$/)]);
    }
    expect((await gw.http('GET', '/api/v1/roles', { headers: admin })).headers.get('has_more')).toBe('0');
  });
});
