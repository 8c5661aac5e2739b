import { startTestGateway, type TestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';
import { code, ok, type Member } from '../support/graphql';

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
const FOLLOW = 'mutation($id: ID!) { followUser(userId: $id) }';
const uid = (n: number) => toGlobalId('User', n);
const follow = (from: Member, to: Member) => run(FOLLOW, { id: uid(to.id) }, from);
const nodes = (connection: { nodes: unknown[] }) => connection.nodes;

describe('User follow fields', () => {
  test("followers, following, counts and the viewer's relations", async () => {
    const [ann, bob, xia] = await members(3);
    await follow(ann, xia);
    await follow(bob, xia);
    await follow(xia, ann);
    const first = (await run('query($id: ID!) { user(id: $id) { followers(first: 1) { pageInfo { endCursor } } } }', { id: uid(xia.id) }, ann)).user.followers.pageInfo.endCursor;
    const query = `query($id: ID!, $after: String) { user(id: $id) {
      followerCount followingCount isFollowing followsViewer isBlocked followRequested
      followers { nodes { id: databaseId } } following { nodes { id: databaseId } } second: followers(first: 1, after: $after) { nodes { id: databaseId } }
    } }`;
    const seen = (await run(query, { id: uid(xia.id), after: first }, ann)).user;
    expect(seen).toEqual({
      followerCount: 2,
      followingCount: 1,
      isFollowing: true,
      followsViewer: true,
      isBlocked: false,
      followRequested: false,
      followers: { nodes: [{ id: bob.id }, { id: ann.id }] },
      following: { nodes: [{ id: ann.id }] },
      second: { nodes: [{ id: ann.id }] },
    });
    const byBob = (await run('query($id: ID!) { user(id: $id) { isFollowing followsViewer } }', { id: uid(xia.id) }, bob)).user;
    expect(byBob).toEqual({ isFollowing: true, followsViewer: false });
    expect(code(await gw.gql('query($id: ID!) { user(id: $id) { followers(first: 101) { nodes { id: databaseId } } } }', { id: uid(xia.id) }, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('query($id: ID!) { user(id: $id) { followers(after: "nonsense") { nodes { id: databaseId } } } }', { id: uid(xia.id) }, ann.token))).toBe('BAD_USER_INPUT');
  });

  test('a followers list of 10 users with their counts and relations costs as many statements as one of 3', async () => {
    const [big, small, viewer, ...crowd] = await members(13);
    for (const m of crowd) await follow(m, big);
    for (const m of crowd.slice(0, 3)) await follow(m, small);
    for (const m of crowd.slice(0, 4)) await follow(viewer, m);
    await follow(crowd[0], crowd[1]);
    const query = `query($id: ID!) { user(id: $id) { followers(first: 50) { nodes {
      id: databaseId followerCount followingCount isFollowing followsViewer isBlocked followers(first: 5) { nodes { id: databaseId followerCount } }
    } } } }`;
    const statements = async (id: number) => {
      const start = gw.queries.length;
      const data = await run(query, { id: uid(id) }, viewer);
      return { count: gw.queries.length - start, followers: data.user.followers.nodes };
    };
    const ten = await statements(big.id);
    const three = await statements(small.id);
    expect(ten.followers).toHaveLength(10);
    expect(three.followers).toHaveLength(3);
    expect(ten.count).toBe(three.count);
    const first = ten.followers.find((f: any) => f.id === crowd[1].id);
    expect(first).toEqual({
      id: crowd[1].id,
      followerCount: 2,
      followingCount: 2,
      isFollowing: true,
      followsViewer: false,
      isBlocked: false,
      followers: {
        nodes: [
          { id: crowd[0].id, followerCount: 1 },
          { id: viewer.id, followerCount: 0 },
        ],
      },
    });
  });
});

describe('follow mutations', () => {
  test('followUser twice keeps the follow; unfollowUser tells whether there was one', async () => {
    const [ann, bob] = await members(2);
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect(await gw.count('follows')).toBeGreaterThan(0);
    const unfollow = 'mutation($id: ID!) { unfollowUser(userId: $id) }';
    expect((await run(unfollow, { id: uid(bob.id) }, ann)).unfollowUser).toBe(true);
    expect((await run(unfollow, { id: uid(bob.id) }, ann)).unfollowUser).toBe(false);
    expect(code(await gw.gql(FOLLOW, { id: uid(ann.id) }, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(FOLLOW, { id: uid(987654) }, ann.token))).toBe('NOT_FOUND');
    expect(code(await gw.gql(FOLLOW, { id: uid(bob.id) }))).toBe('UNAUTHENTICATED');
  });

  test("a private account's requests: listed in followRequests, accepted or declined", async () => {
    const [pia, ann, bob] = await members(3);
    await run('mutation { updateProfile(input: { followPrivacy: PEOPLE_I_FOLLOW }) { id: databaseId } }', {}, pia);
    expect((await follow(ann, pia)).followUser).toBe('REQUESTED');
    expect((await follow(ann, pia)).followUser).toBe('REQUESTED');
    expect((await follow(bob, pia)).followUser).toBe('REQUESTED');
    expect((await run('{ followRequests { totalCount nodes { id: databaseId } } }', {}, pia)).followRequests).toEqual({ totalCount: 2, nodes: [{ id: bob.id }, { id: ann.id }] });
    const respond = 'mutation($id: ID!, $accept: Boolean!) { respondToFollowRequest(input: { userId: $id, accept: $accept }) }';
    expect((await run(respond, { id: uid(ann.id), accept: true }, pia)).respondToFollowRequest).toBe(true);
    expect((await run(respond, { id: uid(bob.id), accept: false }, pia)).respondToFollowRequest).toBe(true);
    expect(code(await gw.gql(respond, { id: uid(bob.id), accept: true }, pia.token))).toBe('NOT_FOUND');
    expect(nodes((await run('{ followRequests { nodes { id: databaseId } } }', {}, pia)).followRequests)).toEqual([]);
    const view = (await run('query($id: ID!) { user(id: $id) { followers { nodes { id: databaseId } } } }', { id: uid(pia.id) }, pia)).user;
    expect(nodes(view.followers)).toEqual([{ id: ann.id }]);
  });

  test('blockUser: isBlocked, blockedUsers, follows gone and refused; unblockUser lifts it', async () => {
    const [ann, bob] = await members(2);
    await follow(ann, bob);
    await follow(bob, ann);
    expect((await run('mutation($id: ID!) { blockUser(userId: $id) }', { id: uid(bob.id) }, ann)).blockUser).toBe(true);
    const seen = (await run('query($id: ID!) { user(id: $id) { isBlocked isFollowing followsViewer followerCount } }', { id: uid(bob.id) }, ann)).user;
    expect(seen).toEqual({ isBlocked: true, isFollowing: false, followsViewer: false, followerCount: 0 });
    expect((await run('{ blockedUsers { totalCount nodes { id: databaseId } } }', {}, ann)).blockedUsers).toEqual({ totalCount: 1, nodes: [{ id: bob.id }] });
    expect(code(await gw.gql(FOLLOW, { id: uid(ann.id) }, bob.token))).toBe('FORBIDDEN');
    expect((await run('query($id: ID!) { user(id: $id) { isBlocked } }', { id: uid(ann.id) }, bob)).user.isBlocked).toBe(false);
    expect((await run('mutation($id: ID!) { unblockUser(userId: $id) }', { id: uid(bob.id) }, ann)).unblockUser).toBe(true);
    expect(nodes((await run('{ blockedUsers { nodes { id: databaseId } } }', {}, ann)).blockedUsers)).toEqual([]);
    expect((await follow(bob, ann)).followUser).toBe('FOLLOWED');
  });
});

describe('notifications', () => {
  const LIST = '{ notifications { nodes { id: databaseId type refType refId: refDatabaseId text seen notifierId: notifierDatabaseId notifier { id: databaseId } } } unseenNotificationCount }';

  test('follow, comment, reply, reaction and message notify the right user; never oneself, never across a block', async () => {
    const [ann, bob, cat] = await members(3);
    const post = (await run('mutation { createPost(input: { content: "ann writes" }) { id: databaseId } }', {}, ann)).createPost.id;
    await follow(bob, ann);
    const comment = (await run('mutation($p: ID!) { createComment(input: { postId: $p, content: "bob  comments\\n here" }) { id: databaseId } }', { p: toGlobalId('Post', post) }, bob)).createComment
      .id;
    await run('mutation($p: ID!) { createComment(input: { postId: $p, content: "ann on her own post" }) { id: databaseId } }', { p: toGlobalId('Post', post) }, ann);
    const reply = (await run('mutation($c: ID!) { createReply(input: { commentId: $c, content: "cat replies" }) { id: databaseId } }', { c: toGlobalId('Comment', comment) }, cat)).createReply.id;
    await run('mutation($p: ID!) { reactToPost(input: { postId: $p, slot: 1 }) { id: databaseId } }', { p: toGlobalId('Post', post) }, bob);
    await run('mutation($p: ID!) { reactToPost(input: { postId: $p, slot: 2 }) { id: databaseId } }', { p: toGlobalId('Post', post) }, bob);
    await run('mutation($p: ID!) { reactToPost(input: { postId: $p, slot: 1 }) { id: databaseId } }', { p: toGlobalId('Post', post) }, ann);
    await run('mutation($c: ID!) { reactToComment(input: { commentId: $c, slot: 1 }) { id: databaseId } }', { c: toGlobalId('Comment', comment) }, ann);
    const message = (await run('mutation($to: ID!) { sendMessage(input: { toUserId: $to, text: "hi ann" }) { id: databaseId } }', { to: toGlobalId('User', ann.id) }, bob)).sendMessage.id;

    const anns = await run(LIST, {}, ann);
    expect(anns.notifications.nodes.map((n: any) => [n.type, n.refType, n.refId, n.notifierId, n.notifier.id, n.text, n.seen])).toEqual([
      ['MESSAGE', 'MESSAGE', message, bob.id, bob.id, 'hi ann', false],
      ['REACTION', 'POST', post, bob.id, bob.id, '', false],
      ['COMMENT', 'COMMENT', comment, bob.id, bob.id, 'bob comments here', false],
      ['FOLLOWING', 'USER', bob.id, bob.id, bob.id, '', false],
    ]);
    expect(anns.unseenNotificationCount).toBe(4);
    const bobs = (await run(LIST, {}, bob)).notifications.nodes.map((n: any) => [n.type, n.refType, n.refId, n.notifierId]);
    expect(bobs).toEqual([
      ['REACTION', 'COMMENT', comment, ann.id],
      ['REPLY', 'REPLY', reply, cat.id],
    ]);

    await run('mutation($id: ID!) { blockUser(userId: $id) }', { id: uid(cat.id) }, bob);
    await run('mutation($c: ID!) { createReply(input: { commentId: $c, content: "blocked reply" }) { id: databaseId } }', { c: toGlobalId('Comment', comment) }, cat);
    expect((await run(LIST, {}, bob)).notifications.nodes).toHaveLength(2);
  });

  test('unseenOnly, paging and markNotificationsSeen (some, then all)', async () => {
    const [ann, bob, cat, dan] = await members(4);
    for (const m of [bob, cat, dan]) await follow(m, ann);
    const all = (await run('{ notifications { totalCount edges { cursor node { id: databaseId } } } }', {}, ann)).notifications;
    expect(all.totalCount).toBe(3);
    const ids = all.edges.map((e: any) => e.node.id);
    const nid = (n: number) => toGlobalId('Notification', n);
    expect(nodes((await run('query($a: String!) { notifications(after: $a, first: 1) { nodes { id: databaseId } } }', { a: all.edges[0].cursor }, ann)).notifications)).toEqual([{ id: ids[1] }]);
    expect((await run('mutation($ids: [ID!]) { markNotificationsSeen(ids: $ids) }', { ids: [nid(ids[1]), nid(987654)] }, ann)).markNotificationsSeen).toBe(1);
    expect((await run('mutation($ids: [ID!]) { markNotificationsSeen(ids: $ids) }', { ids: [nid(ids[0])] }, bob)).markNotificationsSeen).toBe(0);
    expect(code(await gw.gql('mutation($ids: [ID!]) { markNotificationsSeen(ids: $ids) }', { ids: [uid(ids[0])] }, ann.token))).toBe('BAD_USER_INPUT');
    const unseen = await run('{ notifications(filter: { unseenOnly: true }) { totalCount nodes { id: databaseId } } unseenNotificationCount }', {}, ann);
    expect(unseen).toEqual({ notifications: { totalCount: 2, nodes: [{ id: ids[0] }, { id: ids[2] }] }, unseenNotificationCount: 2 });
    expect((await run('mutation { markNotificationsSeen }', {}, ann)).markNotificationsSeen).toBe(2);
    expect(await run('{ notifications { nodes { seen } } unseenNotificationCount }', {}, ann)).toEqual({
      notifications: { nodes: [{ seen: true }, { seen: true }, { seen: true }] },
      unseenNotificationCount: 0,
    });
    expect(code(await gw.gql('{ notifications(first: 1000) { nodes { id: databaseId } } }', {}, ann.token))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('{ unseenNotificationCount }', {}))).toBe('UNAUTHENTICATED');
  });
});

test('activities: with the user, the followed user and the post they are about', async () => {
  const [ann, bob] = await members(2);
  await follow(ann, bob);
  const post = (await run('mutation { createPost(input: { content: "bob posts" }) { id: databaseId } }', {}, bob)).createPost.id;
  await run('mutation($p: ID!) { createComment(input: { postId: $p, content: "self comment" }) { id: databaseId } }', { p: toGlobalId('Post', post) }, bob);
  const { activities } = await run(
    '{ activities { nodes { type refType userId: userDatabaseId user { id: databaseId } followedUser { id: databaseId } postId: postDatabaseId post { id: databaseId content } } } }',
    {},
    ann,
  );
  expect(activities.nodes).toEqual([
    { type: 'COMMENT', refType: 'COMMENT', userId: bob.id, user: { id: bob.id }, followedUser: null, postId: post, post: { id: post, content: 'bob posts' } },
    { type: 'POST', refType: 'POST', userId: bob.id, user: { id: bob.id }, followedUser: null, postId: post, post: { id: post, content: 'bob posts' } },
    { type: 'FOLLOWING', refType: 'USER', userId: ann.id, user: { id: ann.id }, followedUser: { id: bob.id }, postId: null, post: null },
  ]);
  await run('mutation($p: ID!) { deletePost(postId: $p) }', { p: toGlobalId('Post', post) }, bob);
  expect(nodes((await run('{ activities { nodes { type } } }', {}, ann)).activities)).toEqual([{ type: 'FOLLOWING' }]);
});

test('nearbyUsers around a given point or the stored one; setLocation lists around the new position', async () => {
  const [ann, bob] = await members(2);
  await run('mutation { setLocation(input: { lat: -40, lng: -70 }) { lat } }', {}, bob);
  const around = await run('{ nearbyUsers(filter: { lat: -40, lng: -70.01, distance: 5 }) { edges { distance node { id: databaseId } } } }', {}, ann);
  expect(around.nearbyUsers.edges).toEqual([{ distance: expect.closeTo(0.852, 2), node: { id: bob.id } }]);
  expect((await run('{ nearbyUsers { edges { distance } } }', {}, ann)).nearbyUsers.edges).toEqual([]);
  const moved = await run('mutation { setLocation(input: { lat: -40.01, lng: -70 }) { lat lng nearbyUsers(filter: { distance: 5 }) { nodes { id: databaseId } } } }', {}, ann);
  expect(moved.setLocation).toEqual({ lat: -40.01, lng: -70, nearbyUsers: { nodes: [{ id: bob.id }] } });
  expect(nodes((await run('{ nearbyUsers(filter: { distance: 5 }) { nodes { id: databaseId } } }', {}, ann)).nearbyUsers)).toEqual([{ id: bob.id }]);
  expect(code(await gw.gql('{ nearbyUsers(filter: { distance: -1 }) { edges { distance } } }', {}, ann.token))).toBe('BAD_USER_INPUT');
  expect(code(await gw.gql('mutation { setLocation(input: { lat: 91, lng: 10 }) { lat } }', {}, ann.token))).toBe('BAD_USER_INPUT');
  expect((await run('{ viewer { lat lng } }', {}, ann)).viewer).toEqual({ lat: -40.01, lng: -70 });
});

test('suggestions returns people and contacts', async () => {
  const [ann, bob] = await members(2);
  await run('mutation { updateProfile(input: { phone: "+44 20 7946 0000", privacy: { findableByPhone: true } }) { id: databaseId } }', {}, bob);
  const found = await run('query($c: [String!]) { suggestions(contacts: $c, first: 100) { people { id: databaseId } contacts { id: databaseId } } }', { c: ['442079460000'] }, ann);
  expect(found.suggestions.contacts).toEqual([{ id: bob.id }]);
  expect(found.suggestions.people).toContainEqual({ id: bob.id });
  await follow(ann, bob);
  const after = await run('{ suggestions(first: 100) { people { id: databaseId } contacts { id: databaseId } } }', {}, ann);
  expect(after.suggestions.people).not.toContainEqual({ id: bob.id });
  expect(after.suggestions.contacts).toEqual([]);
  expect(code(await gw.gql('query($c: [String!]) { suggestions(contacts: $c) { contacts { id: databaseId } } }', { c: Array.from({ length: 501 }, (_, i) => String(i)) }, ann.token))).toBe(
    'BAD_USER_INPUT',
  );
});
