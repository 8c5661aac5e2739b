import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok, type Member } from '../support/graphql';
import { expectError, social, USER_KEYS } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

let serial = 0;
const member = () => gw.member(`gd${++serial}`);
const db = () => gw.app.database.db;

async function createPage(owner: Member): Promise<number> {
  const res = await social(gw, 'create-page', { page_name: `page_${++serial}_x`, page_title: 'A page', page_category: 'Music', page_description: 'About it' }, owner.token);
  expect(res.body.api_status).toBe(200);
  return Number(res.body.page_id ?? res.body.page_data?.page_id);
}

async function createGroup(owner: Member): Promise<number> {
  const res = await social(gw, 'create-group', { group_name: `group_${++serial}_x`, group_title: 'A group', about: 'We meet', category: '3' }, owner.token);
  expect(res.body.api_status).toBe(200);
  return Number(res.body.group_id ?? res.body.group_data?.group_id);
}

describe('POST /api/get-user-data', () => {
  test('answers exactly the fetch keys asked for: user_data, followers, following, liked_pages, joined_groups', async () => {
    const [ann, bob, cat] = await Promise.all([member(), member(), member()]);
    for (const fan of [bob, cat]) expect((await social(gw, 'follow-user', { user_id: String(ann.id) }, fan.token)).body.follow_status).toBe('followed');
    expect((await social(gw, 'follow-user', { user_id: String(cat.id) }, ann.token)).body.follow_status).toBe('followed');
    const page = await createPage(bob);
    expect((await social(gw, 'like-page', { page_id: String(page) }, ann.token)).body.api_status).toBe(200);
    const group = await createGroup(cat);
    expect((await social(gw, 'join-group', { group_id: String(group) }, ann.token)).body.api_status).toBe(200);

    const all = await social(gw, 'get-user-data', { user_id: String(ann.id), fetch: 'user_data,followers,following,liked_pages,joined_groups' }, bob.token);
    expect(Object.keys(all.body).sort()).toEqual(['api_status', 'followers', 'following', 'joined_groups', 'liked_pages', 'user_data']);
    expect(Object.keys(all.body.user_data)).toEqual(USER_KEYS);
    expect(all.body.followers.map((u: any) => u.user_id).sort()).toEqual([String(bob.id), String(cat.id)].sort());
    expect(all.body.following.map((u: any) => u.user_id)).toEqual([String(cat.id)]);
    expect(all.body.liked_pages.map((p: any) => p.page_id)).toEqual([String(page)]);
    expect(all.body.joined_groups.map((g: any) => g.group_id)).toEqual([String(group)]);

    const some = await social(gw, 'get-user-data', { user_id: String(ann.id), fetch: 'following,unknown_key' }, bob.token);
    expect(some.body).toEqual({ api_status: 200, following: [expect.objectContaining({ user_id: String(cat.id) })] });
  });

  test('no valid fetch key, a missing user_id or an unknown user is an error', async () => {
    const viewer = await member();
    expectError(await social(gw, 'get-user-data', { user_id: String(viewer.id), fetch: 'nothing' }, viewer.token), 3, /fetch must name at least one of: user_data, followers/);
    expectError(await social(gw, 'get-user-data', { fetch: 'user_data' }, viewer.token), 3, /user_id/);
    expectError(await social(gw, 'get-user-data', { user_id: '999999', fetch: 'followers' }, viewer.token), 4, /not found/i);
  });
});

describe('POST /api/get-general-data', () => {
  test('answers exactly the fetch keys asked for, each from the unified model', async () => {
    const [me, fan, asker, pro, writer] = await Promise.all([member(), member(), member(), member(), member()]);
    await db().updateTable('users').set({ follow_privacy: 1 }).where('id', '=', me.id).execute();
    await db().updateTable('users').set({ is_pro: 1, pro_type: 1 }).where('id', '=', pro.id).execute();
    expect((await social(gw, 'follow-user', { user_id: String(me.id) }, asker.token)).body.follow_status).toBe('requested');
    await db().updateTable('users').set({ follow_privacy: 0 }).where('id', '=', me.id).execute();
    expect((await social(gw, 'follow-user', { user_id: String(me.id) }, fan.token)).body.follow_status).toBe('followed');
    const promoted = await createPage(writer);
    await createPage(writer);
    await db().updateTable('pages').set({ promoted: 1 }).where('id', '=', promoted).execute();
    ok(await gw.gql('mutation($c: String!) { createPost(input: { content: $c }) { id: databaseId } }', { c: 'Shipping the #gateway today #gateway' }, writer.token));
    ok(await gw.gql('mutation($c: String!) { createPost(input: { content: $c }) { id: databaseId } }', { c: 'More on the #gateway and #graphql' }, writer.token));
    for (const text of ['one', 'two'])
      ok(await gw.gql('mutation($i: SendMessageInput!) { sendMessage(input: $i) { id: databaseId } }', { i: { toUserId: toGlobalId('User', me.id), text } }, writer.token));

    const fetch = 'notifications,friend_requests,pro_users,promoted_pages,trending_hashtag,count_new_messages';
    const res = await social(gw, 'get-general-data', { fetch }, me.token);
    expect(Object.keys(res.body).sort()).toEqual(['api_status', ...fetch.split(',')].sort());
    expect(res.body.count_new_messages).toBe(2);
    expect(res.body.friend_requests.map((u: any) => u.user_id)).toEqual([String(asker.id)]);
    expect(res.body.pro_users.map((u: any) => u.user_id)).toContain(String(pro.id));
    expect(res.body.pro_users.every((u: any) => u.is_pro === '1')).toBe(true);
    expect(res.body.promoted_pages.map((p: any) => p.page_id)).toEqual([String(promoted)]);
    expect(res.body.trending_hashtag.slice(0, 2).map((t: any) => t.hash)).toEqual(['gateway', 'graphql']);
    const types = res.body.notifications.map((n: any) => [n.type, n.notifier_id]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['following', String(fan.id)],
        ['follow_request', String(asker.id)],
        ['message', String(writer.id)],
      ]),
    );
    expect(res.body.notifications[0]).toMatchObject({ recipient_id: String(me.id), seen: '0', time: expect.stringMatching(/^\d+$/) });
    expect(Object.keys(res.body.notifications[0].notifier)).toEqual(USER_KEYS);

    const one = await social(gw, 'get-general-data', { fetch: 'count_new_messages' }, me.token);
    expect(one.body).toEqual({ api_status: 200, count_new_messages: 2 });
  });

  test('no valid fetch key is an error; without a session it is refused', async () => {
    const viewer = await member();
    expectError(await social(gw, 'get-general-data', { fetch: 'weather' }, viewer.token), 3, /fetch must name at least one of: notifications/);
    expectError(await social(gw, 'get-general-data', { fetch: 'count_new_messages' }, 'not-a-token'), 2);
  });
});

describe('GraphQL: trendingTags and users(filter: { pro })', () => {
  test('trendingTags counts recent uses only and validates its arguments', async () => {
    const writer = await member();
    ok(await gw.gql('mutation { createPost(input: { content: "#oldnews" }) { id: databaseId } }', {}, writer.token));
    await db().updateTable('tag_mappings').set({ created_at: '2000-01-01T00:00:00.000Z' }).execute();
    ok(await gw.gql('mutation { createPost(input: { content: "#fresh #fresh2" }) { id: databaseId } }', {}, writer.token));
    const names = ok(await gw.gql('{ trendingTags(first: 50) { name } }')).trendingTags.map((t: any) => t.name);
    expect(names).toEqual(expect.arrayContaining(['fresh', 'fresh2']));
    expect(names).not.toContain('oldnews');
    const bad = await gw.gql('{ trendingTags(first: 0) { name } }');
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('users(filter: { pro: true }) lists pro members only', async () => {
    const pro = await member();
    await db().updateTable('users').set({ is_pro: 1 }).where('id', '=', pro.id).execute();
    const items = ok(await gw.gql('{ users(filter: { pro: true }, first: 50) { nodes { id: databaseId isPro } } }', {}, pro.token)).users.nodes;
    expect(items.map((u: any) => u.id)).toContain(pro.id);
    expect(items.every((u: any) => u.isPro)).toBe(true);
  });
});
