import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok, type Member } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

let serial = 0;
async function members(n: number): Promise<Member[]> {
  serial += 1;
  const list: Member[] = [];
  for (let i = 0; i < n; i++) list.push(await gw.member(`sg${serial}m${i}`));
  return list;
}

const run = async (query: string, variables: Record<string, unknown>, who: Member) => ok(await gw.gql(query, variables, who.token));
const FOLLOW = 'mutation($id: Int!) { followUser(userId: $id) }';
const follow = (from: Member, to: Member) => run(FOLLOW, { id: to.id }, from);

describe('User follow fields', () => {
  test('followers, following, counts and the viewer\'s relations', async () => {
    const [ann, bob, xia] = await members(3);
    await follow(ann, xia);
    await follow(bob, xia);
    await follow(xia, ann);
    const query = `query($id: Int!) { user(id: $id) {
      followerCount followingCount isFollowing followsViewer isBlocked followRequested
      followers { id: databaseId } following { id: databaseId } second: followers(limit: 1, offset: 1) { id: databaseId }
    } }`;
    const seen = (await run(query, { id: xia.id }, ann)).user;
    expect(seen).toEqual({
      followerCount: 2,
      followingCount: 1,
      isFollowing: true,
      followsViewer: true,
      isBlocked: false,
      followRequested: false,
      followers: [{ id: bob.id }, { id: ann.id }],
      following: [{ id: ann.id }],
      second: [{ id: ann.id }],
    });
    const byBob = (await run('query($id: Int!) { user(id: $id) { isFollowing followsViewer } }', { id: xia.id }, bob)).user;
    expect(byBob).toEqual({ isFollowing: true, followsViewer: false });
    expect(code(await gw.gql('query($id: Int!) { user(id: $id) { followers(limit: 0) { id: databaseId } } }', { id: xia.id }, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('query($id: Int!) { user(id: $id) { followers(offset: -1) { id: databaseId } } }', { id: xia.id }, ann.token))).toBe('BAD_USER_INPUT');
  });

  test('a followers list of 10 users with their counts and relations costs as many statements as one of 3', async () => {
    const [big, small, viewer, ...crowd] = await members(13);
    for (const m of crowd) await follow(m, big);
    for (const m of crowd.slice(0, 3)) await follow(m, small);
    for (const m of crowd.slice(0, 4)) await follow(viewer, m);
    await follow(crowd[0], crowd[1]);
    const query = `query($id: Int!) { user(id: $id) { followers(limit: 50) {
      id: databaseId followerCount followingCount isFollowing followsViewer isBlocked followers(limit: 5) { id: databaseId followerCount }
    } } }`;
    const statements = async (id: number) => {
      const start = gw.queries.length;
      const data = await run(query, { id }, viewer);
      return { count: gw.queries.length - start, followers: data.user.followers };
    };
    const ten = await statements(big.id);
    const three = await statements(small.id);
    expect(ten.followers).toHaveLength(10);
    expect(three.followers).toHaveLength(3);
    expect(ten.count).toBe(three.count);
    const first = ten.followers.find((f: any) => f.id === crowd[1].id);
    expect(first).toEqual({ id: crowd[1].id, followerCount: 2, followingCount: 2, isFollowing: true, followsViewer: false, isBlocked: false, followers: [{ id: crowd[0].id, followerCount: 1 }, { id: viewer.id, followerCount: 0 }] });
  });
});

describe('follow mutations', () => {
  test('followUser without toggle keeps the follow; unfollowUser tells whether there was one', async () => {
    const [ann, bob] = await members(2);
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect(await gw.count('follows')).toBeGreaterThan(0);
    const unfollow = 'mutation($id: Int!) { unfollowUser(userId: $id) }';
    expect((await run(unfollow, { id: bob.id }, ann)).unfollowUser).toBe(true);
    expect((await run(unfollow, { id: bob.id }, ann)).unfollowUser).toBe(false);
    expect(code(await gw.gql(FOLLOW, { id: ann.id }, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(FOLLOW, { id: 987654 }, ann.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(FOLLOW, { id: bob.id }))).toBe('UNAUTHENTICATED');
  });

  test('a private account\'s requests: listed in followRequests, accepted or declined', async () => {
    const [pia, ann, bob] = await members(3);
    await run('mutation { updateProfile(input: { followPrivacy: 1 }) { id: databaseId } }', {}, pia);
    expect((await follow(ann, pia)).followUser).toBe('REQUESTED');
    expect((await follow(ann, pia)).followUser).toBe('REQUESTED');
    expect((await follow(bob, pia)).followUser).toBe('REQUESTED');
    expect((await run('{ followRequests { id: databaseId } }', {}, pia)).followRequests).toEqual([{ id: bob.id }, { id: ann.id }]);
    const respond = 'mutation($id: Int!, $accept: Boolean!) { respondToFollowRequest(userId: $id, accept: $accept) }';
    expect((await run(respond, { id: ann.id, accept: true }, pia)).respondToFollowRequest).toBe(true);
    expect((await run(respond, { id: bob.id, accept: false }, pia)).respondToFollowRequest).toBe(true);
    expect(code(await gw.gql(respond, { id: bob.id, accept: true }, pia.token))).toBe('NOT_FOUND');
    expect((await run('{ followRequests { id: databaseId } }', {}, pia)).followRequests).toEqual([]);
    const view = (await run('query($id: Int!) { user(id: $id) { followers { id: databaseId } } }', { id: pia.id }, pia)).user;
    expect(view.followers).toEqual([{ id: ann.id }]);
  });

  test('blockUser: isBlocked, blockedUsers, follows gone and refused; unblockUser lifts it', async () => {
    const [ann, bob] = await members(2);
    await follow(ann, bob);
    await follow(bob, ann);
    expect((await run('mutation($id: Int!) { blockUser(userId: $id) }', { id: bob.id }, ann)).blockUser).toBe(true);
    const seen = (await run('query($id: Int!) { user(id: $id) { isBlocked isFollowing followsViewer followerCount } }', { id: bob.id }, ann)).user;
    expect(seen).toEqual({ isBlocked: true, isFollowing: false, followsViewer: false, followerCount: 0 });
    expect((await run('{ blockedUsers { id: databaseId } }', {}, ann)).blockedUsers).toEqual([{ id: bob.id }]);
    expect(code(await gw.gql(FOLLOW, { id: ann.id }, bob.token))).toBe('FORBIDDEN');
    expect((await run('query($id: Int!) { user(id: $id) { isBlocked } }', { id: ann.id }, bob)).user.isBlocked).toBe(false);
    expect((await run('mutation($id: Int!) { unblockUser(userId: $id) }', { id: bob.id }, ann)).unblockUser).toBe(true);
    expect((await run('{ blockedUsers { id: databaseId } }', {}, ann)).blockedUsers).toEqual([]);
    expect((await follow(bob, ann)).followUser).toBe('FOLLOWED');
  });
});

describe('notifications', () => {
  const LIST = '{ notifications { id: databaseId type refType refId: refDatabaseId text seen notifierId: notifierDatabaseId notifier { id: databaseId } } unseenNotificationCount }';

  test('follow, comment, reply, reaction and message notify the right user; never oneself, never across a block', async () => {
    const [ann, bob, cat] = await members(3);
    const post = (await run('mutation { createPost(input: { content: "ann writes" }) { id: databaseId } }', {}, ann)).createPost.id;
    await follow(bob, ann);
    const comment = (await run('mutation($p: Int!) { createComment(input: { postId: $p, content: "bob  comments\\n here" }) { id: databaseId } }', { p: post }, bob)).createComment.id;
    await run('mutation($p: Int!) { createComment(input: { postId: $p, content: "ann on her own post" }) { id: databaseId } }', { p: post }, ann);
    const reply = (await run('mutation($c: Int!) { createReply(input: { commentId: $c, content: "cat replies" }) { id: databaseId } }', { c: comment }, cat)).createReply.id;
    await run('mutation($p: Int!) { reactToPost(id: $p, slot: 1) { id: databaseId } }', { p: post }, bob);
    await run('mutation($p: Int!) { reactToPost(id: $p, slot: 2) { id: databaseId } }', { p: post }, bob);
    await run('mutation($p: Int!) { reactToPost(id: $p, slot: 1) { id: databaseId } }', { p: post }, ann);
    await run('mutation($c: Int!) { reactToComment(id: $c, slot: 1) { id: databaseId } }', { c: comment }, ann);
    const message = (await run('mutation($to: ID!) { sendMessage(input: { toUserId: $to, text: "hi ann" }) { id: databaseId } }', { to: toGlobalId('User', ann.id) }, bob)).sendMessage.id;

    const anns = (await run(LIST, {}, ann));
    expect(anns.notifications.map((n: any) => [n.type, n.refType, n.refId, n.notifierId, n.notifier.id, n.text, n.seen])).toEqual([
      ['message', 'MESSAGE', message, bob.id, bob.id, 'hi ann', false],
      ['reaction', 'POST', post, bob.id, bob.id, '', false],
      ['comment', 'COMMENT', comment, bob.id, bob.id, 'bob comments here', false],
      ['following', 'USER', bob.id, bob.id, bob.id, '', false],
    ]);
    expect(anns.unseenNotificationCount).toBe(4);
    const bobs = (await run(LIST, {}, bob)).notifications.map((n: any) => [n.type, n.refType, n.refId, n.notifierId]);
    expect(bobs).toEqual([
      ['reaction', 'COMMENT', comment, ann.id],
      ['reply', 'REPLY', reply, cat.id],
    ]);

    await run('mutation($id: Int!) { blockUser(userId: $id) }', { id: cat.id }, bob);
    await run('mutation($c: Int!) { createReply(input: { commentId: $c, content: "blocked reply" }) { id: databaseId } }', { c: comment }, cat);
    expect((await run(LIST, {}, bob)).notifications).toHaveLength(2);
  });

  test('unseenOnly, beforeId and markNotificationsSeen (some, then all)', async () => {
    const [ann, bob, cat, dan] = await members(4);
    for (const m of [bob, cat, dan]) await follow(m, ann);
    const ids = (await run('{ notifications { id: databaseId } }', {}, ann)).notifications.map((n: any) => n.id);
    expect(ids).toHaveLength(3);
    expect((await run('query($b: Int!) { notifications(beforeId: $b, limit: 1) { id: databaseId } }', { b: ids[0] }, ann)).notifications).toEqual([{ id: ids[1] }]);
    expect((await run('mutation($ids: [Int!]) { markNotificationsSeen(ids: $ids) }', { ids: [ids[1], 987654] }, ann)).markNotificationsSeen).toBe(1);
    expect((await run('mutation($ids: [Int!]) { markNotificationsSeen(ids: $ids) }', { ids: [ids[0]] }, bob)).markNotificationsSeen).toBe(0);
    const unseen = await run('{ notifications(unseenOnly: true) { id: databaseId } unseenNotificationCount }', {}, ann);
    expect(unseen).toEqual({ notifications: [{ id: ids[0] }, { id: ids[2] }], unseenNotificationCount: 2 });
    expect((await run('mutation { markNotificationsSeen }', {}, ann)).markNotificationsSeen).toBe(2);
    expect((await run('{ notifications { seen } unseenNotificationCount }', {}, ann))).toEqual({ notifications: [{ seen: true }, { seen: true }, { seen: true }], unseenNotificationCount: 0 });
    expect(code(await gw.gql('{ notifications(limit: 1000) { id: databaseId } }', {}, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('{ unseenNotificationCount }', {}))).toBe('UNAUTHENTICATED');
  });
});

test('activities: with the user, the followed user and the post they are about', async () => {
  const [ann, bob] = await members(2);
  await follow(ann, bob);
  const post = (await run('mutation { createPost(input: { content: "bob posts" }) { id: databaseId } }', {}, bob)).createPost.id;
  await run('mutation($p: Int!) { createComment(input: { postId: $p, content: "self comment" }) { id: databaseId } }', { p: post }, bob);
  const { activities } = await run('{ activities { type refType userId: userDatabaseId user { id: databaseId } followedUser { id: databaseId } postId: postDatabaseId post { id: databaseId content } } }', {}, ann);
  expect(activities).toEqual([
    { type: 'comment', refType: 'COMMENT', userId: bob.id, user: { id: bob.id }, followedUser: null, postId: post, post: { id: post, content: 'bob posts' } },
    { type: 'post', refType: 'POST', userId: bob.id, user: { id: bob.id }, followedUser: null, postId: post, post: { id: post, content: 'bob posts' } },
    { type: 'following', refType: 'USER', userId: ann.id, user: { id: ann.id }, followedUser: { id: bob.id }, postId: null, post: null },
  ]);
  await run('mutation($p: Int!) { deletePost(id: $p) }', { p: post }, bob);
  expect((await run('{ activities { type } }', {}, ann)).activities).toEqual([{ type: 'following' }]);
});

test('nearbyUsers around a given point or the stored one; setLocation lists around the new position', async () => {
  const [ann, bob] = await members(2);
  await run('mutation { setLocation(lat: -40, lng: -70) { lat } }', {}, bob);
  const around = await run('{ nearbyUsers(filter: { lat: -40, lng: -70.01, distance: 5 }) { distance user { id: databaseId } } }', {}, ann);
  expect(around.nearbyUsers).toEqual([{ distance: expect.closeTo(0.852, 2), user: { id: bob.id } }]);
  expect((await run('{ nearbyUsers { distance } }', {}, ann)).nearbyUsers).toEqual([]);
  const moved = await run('mutation { setLocation(lat: -40.01, lng: -70, filter: { distance: 5 }) { lat lng nearbyUsers { user { id: databaseId } } } }', {}, ann);
  expect(moved.setLocation).toEqual({ lat: -40.01, lng: -70, nearbyUsers: [{ user: { id: bob.id } }] });
  expect((await run('{ nearbyUsers(filter: { distance: 5 }) { user { id: databaseId } } }', {}, ann)).nearbyUsers).toEqual([{ user: { id: bob.id } }]);
  expect(code(await gw.gql('mutation { setLocation(lat: 10, lng: 10, filter: { distance: -1 }) { lat } }', {}, ann.token))).toBe('BAD_USER_INPUT');
  expect(code(await gw.gql('mutation { setLocation(lat: 91, lng: 10) { lat } }', {}, ann.token))).toBe('BAD_USER_INPUT');
  expect((await run('{ viewer { lat lng } }', {}, ann)).viewer).toEqual({ lat: -40.01, lng: -70 });
});

test('suggestions returns people and contacts', async () => {
  const [ann, bob] = await members(2);
  await run('mutation { updateProfile(input: { phone: "+44 20 7946 0000", privacy: { findableByPhone: true } }) { id: databaseId } }', {}, bob);
  const found = await run('query($c: [String!]) { suggestions(contacts: $c, limit: 100) { people { id: databaseId } contacts { id: databaseId } } }', { c: ['442079460000'] }, ann);
  expect(found.suggestions.contacts).toEqual([{ id: bob.id }]);
  expect(found.suggestions.people).toContainEqual({ id: bob.id });
  await follow(ann, bob);
  const after = await run('{ suggestions(limit: 100) { people { id: databaseId } contacts { id: databaseId } } }', {}, ann);
  expect(after.suggestions.people).not.toContainEqual({ id: bob.id });
  expect(after.suggestions.contacts).toEqual([]);
  expect(code(await gw.gql('query($c: [String!]) { suggestions(contacts: $c) { contacts { id: databaseId } } }', { c: Array.from({ length: 501 }, (_, i) => String(i)) }, ann.token))).toBe('BAD_USER_INPUT');
});
