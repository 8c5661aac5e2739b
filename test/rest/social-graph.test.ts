import { startTestGateway, type TestGateway } from '../support/gateway';
import { ok as data, type Member, newMembers } from '../support/graphql';
import { counts, expectError, social } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const members = (n: number) => newMembers(gw, n, 'graph');

const follow = (from: Member, to: Member) => social(gw, 'follow-user', { user_id: String(to.id) }, from.token);
const gql = async (query: string, variables: Record<string, unknown>, token: string) => data(await gw.gql(query, variables, token));

/** Every table a graph call could write. */
const TABLES = ['follows', 'blocks', 'notifications', 'activities', 'messages'];

const db = () => gw.app.database.db;
const followRow = (a: Member, b: Member) => db().selectFrom('follows').selectAll().where('follower_id', '=', a.id).where('following_id', '=', b.id).executeTakeFirst();
const notificationsOf = (m: Member) => db().selectFrom('notifications').select(['notifier_id', 'type', 'ref_type', 'ref_id']).where('recipient_id', '=', m.id).orderBy('id').execute();

async function makePrivate(m: Member) {
  await gql('mutation { updateProfile(input: { followPrivacy: PEOPLE_I_FOLLOW }) { id: databaseId } }', {}, m.token);
}

describe('POST /api/follow-user', () => {
  test('toggles: followed, then unfollowed; the follow notifies and is an activity while it stands', async () => {
    const [ann, bob] = await members(2);
    const first = await follow(ann, bob);
    expect(first.body).toEqual({ api_status: 200, follow_status: 'followed' });
    expect(await followRow(ann, bob)).toMatchObject({ status: 'accepted' });
    expect(await notificationsOf(bob)).toEqual([{ notifier_id: ann.id, type: 'following', ref_type: 'USER', ref_id: ann.id }]);
    const activities = await db().selectFrom('activities').select(['activity_type', 'ref_type', 'ref_id']).where('user_id', '=', ann.id).execute();
    expect(activities).toEqual([{ activity_type: 'following', ref_type: 'USER', ref_id: bob.id }]);

    const second = await follow(ann, bob);
    expect(second.body).toEqual({ api_status: 200, follow_status: 'unfollowed' });
    expect(await followRow(ann, bob)).toBeUndefined();
    expect(await db().selectFrom('activities').select('id').where('user_id', '=', ann.id).execute()).toEqual([]);
  });

  test('missing, malformed, unknown and own user_id are refused and write nothing', async () => {
    const [ann] = await members(1);
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'follow-user', {}, ann.token), 3, /^user_id is required$/);
    expectError(await social(gw, 'follow-user', { user_id: 'bob' }, ann.token), 3, /^user_id must be an integer$/);
    expectError(await social(gw, 'follow-user', { user_id: '987654' }, ann.token), 4, /^User 987654 does not exist$/);
    expectError(await social(gw, 'follow-user', { user_id: String(ann.id) }, ann.token), 3, /^You cannot follow yourself$/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('an account that approves followers gets a request; following again withdraws it', async () => {
    const [ann, pia] = await members(2);
    await makePrivate(pia);
    expect((await follow(ann, pia)).body).toEqual({ api_status: 200, follow_status: 'requested' });
    expect(await followRow(ann, pia)).toMatchObject({ status: 'pending' });
    expect(await notificationsOf(pia)).toEqual([{ notifier_id: ann.id, type: 'follow_request', ref_type: 'USER', ref_id: ann.id }]);
    const counts = await gql('query($id: ID!) { user(id: $id) { followerCount followRequested } }', { id: toGlobalId('User', pia.id) }, ann.token);
    expect(counts.user).toEqual({ followerCount: 0, followRequested: true });

    expect((await follow(ann, pia)).body).toEqual({ api_status: 200, follow_status: 'unfollowed' });
    expect(await followRow(ann, pia)).toBeUndefined();
    expect(await notificationsOf(pia)).toEqual([]);
  });

  test('a block either way refuses, and nothing is written', async () => {
    const [ann, bob, cat] = await members(3);
    expect((await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'block' }, ann.token)).body.block_status).toBe('blocked');
    const before = await counts(gw, TABLES);
    expectError(await follow(bob, ann), 5, /^You cannot follow this user$/);
    expectError(await follow(ann, bob), 5, /^You have blocked this user: unblock them to follow$/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect((await follow(cat, ann)).body.follow_status).toBe('followed');
  });
});

describe('POST /api/follow-request-action', () => {
  test('accept makes the requester a follower and tells them; decline deletes the request', async () => {
    const [pia, ann, bob] = await members(3);
    await makePrivate(pia);
    await follow(ann, pia);
    await follow(bob, pia);

    const accepted = await social(gw, 'follow-request-action', { user_id: String(ann.id), request_action: 'accept' }, pia.token);
    expect(accepted.body).toEqual({ api_status: 200 });
    expect(await followRow(ann, pia)).toMatchObject({ status: 'accepted' });
    expect(await notificationsOf(ann)).toEqual([{ notifier_id: pia.id, type: 'accepted_request', ref_type: 'USER', ref_id: pia.id }]);

    const declined = await social(gw, 'follow-request-action', { user_id: String(bob.id), request_action: 'decline' }, pia.token);
    expect(declined.body).toEqual({ api_status: 200 });
    expect(await followRow(bob, pia)).toBeUndefined();

    const view = await gql('query($id: ID!) { user(id: $id) { followerCount followers { nodes { id: databaseId } } } }', { id: toGlobalId('User', pia.id) }, pia.token);
    expect(view.user).toEqual({ followerCount: 1, followers: { nodes: [{ id: ann.id }] } });
    expect(await notificationsOf(pia)).toEqual([]);
  });

  test('the document\'s spelling "accpet" accepts too', async () => {
    const [pia, ann] = await members(2);
    await makePrivate(pia);
    await follow(ann, pia);
    expect((await social(gw, 'follow-request-action', { user_id: String(ann.id), request_action: 'accpet' }, pia.token)).body).toEqual({ api_status: 200 });
    expect(await followRow(ann, pia)).toMatchObject({ status: 'accepted' });
  });

  test('a bad or missing action, or no pending request, is refused and writes nothing', async () => {
    const [pia, ann, bob] = await members(3);
    await makePrivate(pia);
    await follow(ann, pia);
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'follow-request-action', { user_id: String(ann.id) }, pia.token), 3, /^request_action is required$/);
    expectError(await social(gw, 'follow-request-action', { user_id: String(ann.id), request_action: 'maybe' }, pia.token), 3, /^request_action must be one of accept, decline, accpet$/);
    expectError(await social(gw, 'follow-request-action', { request_action: 'accept' }, pia.token), 3, /^user_id is required$/);
    expectError(await social(gw, 'follow-request-action', { user_id: String(bob.id), request_action: 'accept' }, pia.token), 4, new RegExp(`^User ${bob.id} has not asked to follow you$`));
    expectError(await social(gw, 'follow-request-action', { user_id: String(pia.id), request_action: 'accept' }, ann.token), 4, new RegExp(`^User ${pia.id} has not asked to follow you$`));
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(await followRow(ann, pia)).toMatchObject({ status: 'pending' });
  });
});

describe('POST /api/block-user and /api/get-blocked-users', () => {
  test('block removes follows and requests both ways; un-block lifts it; blocked_users lists users as user_data', async () => {
    const [ann, bob, pia] = await members(3);
    await makePrivate(pia);
    await follow(ann, bob);
    await follow(bob, ann);
    await follow(pia, ann);
    await follow(ann, pia);
    const blocked = await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'block' }, ann.token);
    expect(blocked.body).toEqual({ api_status: 200, block_status: 'blocked' });
    expect([await followRow(ann, bob), await followRow(bob, ann)]).toEqual([undefined, undefined]);
    await social(gw, 'block-user', { user_id: String(pia.id), block_action: 'block' }, ann.token);
    expect([await followRow(pia, ann), await followRow(ann, pia)]).toEqual([undefined, undefined]);
    expect((await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'block' }, ann.token)).body).toEqual({ api_status: 200, block_status: 'blocked' });
    expect(await db().selectFrom('blocks').select('blocked_id').where('blocker_id', '=', ann.id).orderBy('blocked_id').execute()).toEqual([{ blocked_id: bob.id }, { blocked_id: pia.id }]);

    const list = await social(gw, 'get-blocked-users', {}, ann.token);
    expect(Object.keys(list.body)).toEqual(['api_status', 'blocked_users']);
    expect(list.body.blocked_users.map((u: any) => u.user_id)).toEqual([String(pia.id), String(bob.id)]);
    const userData = await social(gw, 'get-user-data', { user_id: String(bob.id), fetch: 'user_data' }, ann.token);
    expect(list.body.blocked_users[1]).toEqual(userData.body.user_data);

    const lifted = await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'un-block' }, ann.token);
    expect(lifted.body).toEqual({ api_status: 200, block_status: 'un-blocked' });
    expect((await social(gw, 'get-blocked-users', {}, ann.token)).body.blocked_users.map((u: any) => u.user_id)).toEqual([String(pia.id)]);
    expect(await followRow(ann, bob)).toBeUndefined();
  });

  test('a blocked user cannot message the blocker, nor the blocker them', async () => {
    const [ann, bob] = await members(2);
    await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'block' }, ann.token);
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'send-message', { user_id: String(ann.id), message_hash_id: 'h1', text: 'hi' }, bob.token), 5, /^This user does not accept messages from you$/);
    expectError(await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'h2', text: 'hi' }, ann.token), 5, /^You have blocked this user/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('bad block_action, missing, own or unknown user_id are refused and write nothing', async () => {
    const [ann, bob] = await members(2);
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'block-user', { user_id: String(bob.id), block_action: 'ban' }, ann.token), 3, /^block_action must be one of block, un-block$/);
    expectError(await social(gw, 'block-user', { user_id: String(bob.id) }, ann.token), 3, /^block_action is required$/);
    expectError(await social(gw, 'block-user', { block_action: 'block' }, ann.token), 3, /^user_id is required$/);
    expectError(await social(gw, 'block-user', { user_id: String(ann.id), block_action: 'block' }, ann.token), 3, /^You cannot block yourself$/);
    expectError(await social(gw, 'block-user', { user_id: '987654', block_action: 'block' }, ann.token), 4, /^User 987654 does not exist$/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect((await social(gw, 'get-blocked-users', {}, ann.token)).body).toEqual({ api_status: 200, blocked_users: [] });
  });
});

describe('POST /api/get-activities', () => {
  const createPost = async (m: Member, content: string) =>
    (await gql('mutation($c: String!) { createPost(input: { content: $c }) { id: databaseId } }', { c: content }, m.token)).createPost.id as number;

  test("the followed users' and own activities, newest first, paged by offset id; undone ones drop out", async () => {
    const [ann, bob, cat] = await members(3);
    await follow(ann, bob);
    const catPost = await createPost(cat, 'cat post');
    const bobPost = await createPost(bob, 'bob post');
    await social(gw, 'post-actions', { post_id: String(catPost), action: 'comment', text: 'nice one' }, bob.token);
    await social(gw, 'post-actions', { post_id: String(catPost), action: 'like' }, bob.token);
    await follow(bob, cat);
    await createPost(cat, 'not followed by ann');

    const res = await social(gw, 'get-activities', {}, ann.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'activities']);
    const acts = res.body.activities;
    expect(acts.map((a: any) => [a.user_id, a.activity_type, a.post_id, a.follow_id])).toEqual([
      [String(bob.id), 'following', '0', String(cat.id)],
      [String(bob.id), 'reaction', String(catPost), '0'],
      [String(bob.id), 'comment', String(catPost), '0'],
      [String(bob.id), 'post', String(bobPost), '0'],
      [String(ann.id), 'following', '0', String(bob.id)],
    ]);
    expect(Object.keys(acts[0])).toEqual(['id', 'user_id', 'activity_type', 'post_id', 'comment_id', 'reply_id', 'follow_id', 'time', 'activator']);
    expect(acts[2].comment_id).toMatch(/^[1-9]\d*$/);
    expect(acts[0].activator).toMatchObject({ user_id: String(bob.id), username: expect.stringMatching(/^graph/) });
    const ids = acts.map((a: any) => Number(a.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const older = await social(gw, 'get-activities', { offset: acts[1].id, limit: '2' }, ann.token);
    expect(older.body.activities.map((a: any) => a.id)).toEqual([acts[2].id, acts[3].id]);

    await social(gw, 'post-actions', { post_id: String(catPost), action: 'like' }, bob.token);
    await follow(bob, cat);
    const after = await social(gw, 'get-activities', {}, ann.token);
    expect(after.body.activities.map((a: any) => a.activity_type)).toEqual(['comment', 'post', 'following']);
  });

  test('a bad limit or offset is refused', async () => {
    const [ann] = await members(1);
    expectError(await social(gw, 'get-activities', { limit: '0' }, ann.token), 3, /^limit must be between 1 and 100$/);
    expectError(await social(gw, 'get-activities', { limit: '101' }, ann.token), 3, /^limit must be between 1 and 100$/);
    expectError(await social(gw, 'get-activities', { offset: 'x' }, ann.token), 3, /^offset must be an integer$/);
  });
});

describe('POST /api/get-nearby-users', () => {
  const place = (m: Member, lat: number, lng: number) => gql('mutation($i: SetLocationInput!) { setLocation(input: $i) { lat } }', { i: { lat, lng } }, m.token);
  const position = async (m: Member) => db().selectFrom('users').select(['lat', 'lng']).where('id', '=', m.id).executeTakeFirstOrThrow();

  test("stores the caller's lat/lng and lists users nearest first with their distance; filters narrow it", async () => {
    const [ann, bob, cat, dan, eve] = await members(5);
    // Far from every other test's users (they stay near 0,0 or have no position).
    await place(bob, 60, 100.5);
    await place(cat, 60, 101);
    await place(dan, 61, 100);
    await place(eve, 60, 100.1);
    await gql('mutation { updateProfile(input: { gender: "female", firstName: "Catherine" }) { id: databaseId } }', {}, cat.token);
    await social(gw, 'block-user', { user_id: String(ann.id), block_action: 'block' }, eve.token);

    const res = await social(gw, 'get-nearby-users', { lat: '60', lng: '100', distance: '200' }, ann.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'nearby_users']);
    expect(await position(ann)).toEqual({ lat: 60, lng: 100 });
    expect(res.body.nearby_users.map((u: any) => [u.user_id, u.distance])).toEqual([
      [String(bob.id), '27.8'],
      [String(cat.id), '55.6'],
      [String(dan.id), '111.2'],
    ]);
    const userData = (await social(gw, 'get-user-data', { user_id: String(bob.id), fetch: 'user_data' }, ann.token)).body.user_data;
    // The position itself stays private: a nearby user shows only the distance.
    expect(res.body.nearby_users[0]).toEqual({ ...userData, lat: '0', lng: '0', distance: '27.8' });

    const near = await social(gw, 'get-nearby-users', { distance: '60' }, ann.token);
    expect(near.body.nearby_users.map((u: any) => u.user_id)).toEqual([String(bob.id), String(cat.id)]);
    const female = await social(gw, 'get-nearby-users', { distance: '200', gender: 'female' }, ann.token);
    expect(female.body.nearby_users.map((u: any) => u.user_id)).toEqual([String(cat.id)]);
    const named = await social(gw, 'get-nearby-users', { distance: '200', keyword: 'cather' }, ann.token);
    expect(named.body.nearby_users.map((u: any) => u.user_id)).toEqual([String(cat.id)]);
    const online = await social(gw, 'get-nearby-users', { distance: '200', status: '1' }, ann.token);
    expect(online.body.nearby_users).toEqual([]);
    const paged = await social(gw, 'get-nearby-users', { distance: '200', limit: '1', offset: '1' }, ann.token);
    expect(paged.body.nearby_users.map((u: any) => u.user_id)).toEqual([String(cat.id)]);
  });

  test('bad lat/lng or one without the other are refused and store nothing', async () => {
    const [ann] = await members(1);
    expectError(await social(gw, 'get-nearby-users', { lat: 'north', lng: '1' }, ann.token), 3, /^lat must be a number$/);
    expectError(await social(gw, 'get-nearby-users', { lat: '95', lng: '1' }, ann.token), 3, /^lat must be between -90 and 90$/);
    expectError(await social(gw, 'get-nearby-users', { lat: '10', lng: '181' }, ann.token), 3, /^lng must be between -180 and 180$/);
    expectError(await social(gw, 'get-nearby-users', { lat: '10' }, ann.token), 3, /^Send lat and lng together$/);
    expectError(await social(gw, 'get-nearby-users', { lat: '10', lng: '10', gender: 'other' }, ann.token), 3, /^gender must be one of male, female$/);
    expectError(await social(gw, 'get-nearby-users', { lat: '10', lng: '10', distance: '-5' }, ann.token), 3, /distance/);
    expectError(await social(gw, 'get-nearby-users', { lat: '10', lng: '10', limit: '500' }, ann.token), 3, /^limit must be between 1 and 100$/);
    expect(await position(ann)).toEqual({ lat: null, lng: null });
  });
});

describe('POST /api/get-user-suggestions', () => {
  test('suggests friends of friends first, never the followed, blocked or self; contacts match by phone digits', async () => {
    const [ann, bob, cat, dan, eve, fay] = await members(6);
    await follow(ann, bob);
    await follow(bob, cat);
    await follow(bob, dan);
    await follow(eve, dan);
    await social(gw, 'block-user', { user_id: String(ann.id), block_action: 'block' }, fay.token);
    // Each lets others find them by phone (off by default).
    await gql('mutation { updateProfile(input: { phone: "+1 (555) 010-0001", privacy: { findableByPhone: true } }) { id: databaseId } }', {}, cat.token);
    await gql('mutation { updateProfile(input: { phone: "5550100002", privacy: { findableByPhone: true } }) { id: databaseId } }', {}, eve.token);
    await gql('mutation { updateProfile(input: { phone: "5550100003", privacy: { findableByPhone: true } }) { id: databaseId } }', {}, fay.token);

    const res = await social(gw, 'get-user-suggestions', { contacts: '["15550100001", 5550100002, "555-010-0003", "no digits"]', limit: '100' }, ann.token);
    expect(Object.keys(res.body)).toEqual(['api_status', 'suggestions', 'contacts_suggestions']);
    const ids: string[] = res.body.suggestions.map((u: any) => u.user_id);
    expect(ids.slice(0, 2)).toEqual([String(dan.id), String(cat.id)]);
    expect(ids).toContain(String(eve.id));
    expect(ids).not.toContain(String(ann.id));
    expect(ids).not.toContain(String(bob.id));
    expect(ids).not.toContain(String(fay.id));
    expect(res.body.contacts_suggestions.map((u: any) => u.user_id)).toEqual([String(cat.id), String(eve.id)]);
    expect(res.body.contacts_suggestions[0].phone_number).toBe('');

    const limited = await social(gw, 'get-user-suggestions', { limit: '1' }, ann.token);
    expect(limited.body).toEqual({ api_status: 200, suggestions: [expect.objectContaining({ user_id: String(dan.id) })], contacts_suggestions: [] });
  });

  test('contacts that are not a JSON list of numbers are refused', async () => {
    const [ann] = await members(1);
    for (const contacts of ['[+123', '{"a": 1}', '"123"', '[["1"]]']) {
      expectError(await social(gw, 'get-user-suggestions', { contacts }, ann.token), 3, /^contacts must be a JSON list of phone numbers, e\.g\. \["\+123", "456"\]$/);
    }
    expectError(await social(gw, 'get-user-suggestions', { limit: '0' }, ann.token), 3, /^limit must be between 1 and 100$/);
  });
});

test('following again and again leaves one "following" notification at most, and a block removes it', async () => {
  const [ann, bob] = await members(2);
  const following = async () => (await notificationsOf(bob)).filter((n: { type: string }) => n.type === 'following').length;
  for (let i = 0; i < 6; i++) await follow(ann, bob);
  expect(await following()).toBe(0);
  await follow(ann, bob);
  expect(await following()).toBe(1);
  expect((await social(gw, 'block-user', { user_id: String(ann.id), block_action: 'block' }, bob.token)).body.block_status).toBe('blocked');
  expect(await following()).toBe(0);
});

test('blockedUsers pages: first 0 to 100', async () => {
  const [me, a, b] = await members(3);
  for (const other of [a, b]) await social(gw, 'block-user', { user_id: String(other.id), block_action: 'block' }, me.token);
  expect((await gql('{ blockedUsers(first: 1) { nodes { id: databaseId } } }', {}, me.token)).blockedUsers.nodes).toHaveLength(1);
  expect((await gql('{ blockedUsers { nodes { id: databaseId } } }', {}, me.token)).blockedUsers.nodes).toHaveLength(2);
  const bad = await gw.gql('{ blockedUsers(first: 101) { nodes { id: databaseId } } }', {}, me.token);
  expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
});
