import { toGlobalId } from '../../src/graphql/node';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, newMembers, ok } from '../support/graphql';
import { social } from '../support/social';

// The social graph's GraphQL contract: global ids in, connections out, enums for codes, Activity and
// Notification fetched again by node(id:).

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const members = (n: number) => newMembers(gw, n, 'cgraph');
const run = async (query: string, variables: Record<string, unknown>, who: Member | null) => ok(await gw.gql(query, variables, who?.token));
const uid = (n: number) => toGlobalId('User', n);
const follow = (from: Member, to: Member) => run('mutation($id: ID!) { followUser(userId: $id) }', { id: uid(to.id) }, from);
const block = (from: Member, to: Member) => run('mutation($id: ID!) { blockUser(userId: $id) }', { id: uid(to.id) }, from);
const errorOf = (res: { body: any }) => res.body.errors?.[0]?.extensions;

type Page = { edges: { cursor: string; node: { id: number } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };
const PAGE = 'edges { cursor node { id: databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const ids = (page: Page) => page.edges.map((edge) => edge.node.id);

/**
 * Pages a connection forward two at a time, calling `between` after each page, then backward from
 * its end; each way, every item of `expected` comes exactly once, in order, whatever was added.
 */
async function pagesBothWays(read: (args: Record<string, unknown>) => Promise<Page>, expected: number[], between: () => Promise<void>): Promise<void> {
  const forward: number[] = [];
  let page = await read({ first: 2 });
  for (;;) {
    forward.push(...ids(page));
    await between();
    if (!page.pageInfo.hasNextPage) break;
    page = await read({ first: 2, after: page.pageInfo.endCursor });
    expect(page.pageInfo.hasPreviousPage).toBe(true);
  }
  expect(forward.filter((id) => expected.includes(id))).toEqual(expected);
  expect(new Set(forward).size).toBe(forward.length);

  const backward: number[] = [];
  page = await read({ last: 2 });
  for (;;) {
    backward.unshift(...ids(page));
    await between();
    if (!page.pageInfo.hasPreviousPage) break;
    page = await read({ last: 2, before: page.pageInfo.startCursor });
    expect(page.pageInfo.hasNextPage).toBe(true);
  }
  expect(backward.filter((id) => expected.includes(id))).toEqual(expected);
  expect(new Set(backward).size).toBe(backward.length);
}

describe('connections page by keyset cursors, forward and backward, while rows are added', () => {
  test('notifications, newest first, with totalCount', async () => {
    const [me, ...others] = await members(6);
    for (const other of others.slice(0, 5)) await follow(other, me);
    const rows = await gw.app.database.db.selectFrom('notifications').select('id').where('recipient_id', '=', me.id).orderBy('id', 'desc').execute();
    const expected = rows.map((row) => row.id);
    const extra = await members(4);
    const read = async (args: Record<string, unknown>) =>
      (await run(`query($first: Int, $after: String, $last: Int, $before: String) { notifications(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE} } }`, args, me))
        .notifications;
    expect((await read({ first: 1 })).totalCount).toBe(5);
    await pagesBothWays(read, expected, async () => {
      const next = extra.shift();
      if (next) await follow(next, me);
    });
  });

  test('activities, newest first', async () => {
    const [me, ...others] = await members(10);
    for (const other of others.slice(0, 5)) await follow(me, other);
    const rows = await gw.app.database.db.selectFrom('activities').select('id').where('user_id', '=', me.id).orderBy('id', 'desc').execute();
    const extra = others.slice(5);
    const read = async (args: Record<string, unknown>) =>
      (await run(`query($first: Int, $after: String, $last: Int, $before: String) { activities(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`, args, me)).activities;
    await pagesBothWays(
      read,
      rows.map((row) => row.id),
      async () => {
        const next = extra.shift();
        if (next) await follow(me, next);
      },
    );
  });

  test("a user's followers, newest follow first, with totalCount; following too", async () => {
    const [star, ...fans] = await members(10);
    for (const fan of fans.slice(0, 5)) await follow(fan, star);
    const expected = fans
      .slice(0, 5)
      .map((fan) => fan.id)
      .reverse();
    const extra = fans.slice(5);
    const read = async (args: Record<string, unknown>) =>
      (
        await run(
          `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) { user(id: $id) { followers(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE} } } }`,
          { id: uid(star.id), ...args },
          star,
        )
      ).user.followers;
    expect((await read({ first: 1 })).totalCount).toBe(5);
    await pagesBothWays(read, expected, async () => {
      const next = extra.shift();
      if (next) await follow(next, star);
    });
    const following = (await run('query($id: ID!) { user(id: $id) { following { totalCount nodes { id: databaseId } } } }', { id: uid(fans[0].id) }, fans[0])).user.following;
    expect(following).toEqual({ totalCount: 1, nodes: [{ id: star.id }] });
  });

  test('blockedUsers and followRequests, newest first', async () => {
    const [me, ...others] = await members(9);
    for (const other of others.slice(0, 5)) await block(me, other);
    const extra = others.slice(5);
    const readBlocked = async (args: Record<string, unknown>) =>
      (await run(`query($first: Int, $after: String, $last: Int, $before: String) { blockedUsers(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE} } }`, args, me))
        .blockedUsers;
    expect((await readBlocked({})).totalCount).toBe(5);
    await pagesBothWays(
      readBlocked,
      others
        .slice(0, 5)
        .map((o) => o.id)
        .reverse(),
      async () => {
        const next = extra.shift();
        if (next) await block(me, next);
      },
    );

    const [pia, ...askers] = await members(7);
    await gw.app.database.db.updateTable('users').set({ confirm_followers: 1 }).where('id', '=', pia.id).execute();
    for (const asker of askers.slice(0, 4)) await follow(asker, pia);
    const later = askers.slice(4);
    const readRequests = async (args: Record<string, unknown>) =>
      (await run(`query($first: Int, $after: String, $last: Int, $before: String) { followRequests(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE} } }`, args, pia))
        .followRequests;
    expect((await readRequests({})).totalCount).toBe(4);
    await pagesBothWays(
      readRequests,
      askers
        .slice(0, 4)
        .map((a) => a.id)
        .reverse(),
      async () => {
        const next = later.shift();
        if (next) await follow(next, pia);
      },
    );
  });

  test('nearbyUsers, nearest first: keyset on (distance in metres, id); offset skips', async () => {
    const [me, ...near] = await members(9);
    const place = (m: Member, lat: number) => run('mutation($i: SetLocationInput!) { setLocation(input: $i) { lat } }', { i: { lat, lng: -120 } }, m);
    await place(me, -60);
    // Two share a cell (the same distance): the id breaks the tie.
    const at = [-60.02, -60.02, -60.05, -60.1, -60.2];
    for (let i = 0; i < 5; i++) await place(near[i], at[i]);
    const farther = near.slice(5);
    const read = async (args: Record<string, unknown>) => {
      const data = await run(
        `query($first: Int, $after: String, $last: Int, $before: String) { nearbyUsers(filter: { distance: 100 }, first: $first, after: $after, last: $last, before: $before) { edges { cursor distance node { id: databaseId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        args,
        me,
      );
      const page = data.nearbyUsers;
      return { ...page, edges: page.edges.map((edge: any) => ({ cursor: edge.cursor, node: { id: edge.node.id } })) } as Page;
    };
    let k = 0;
    await pagesBothWays(
      read,
      near.slice(0, 5).map((m) => m.id),
      async () => {
        const next = farther.shift();
        if (next) await place(next, -60.3 - 0.01 * k++);
      },
    );
    const offset = await run('{ nearbyUsers(filter: { distance: 100 }, first: 2, offset: 2) { nodes { id: databaseId } } }', {}, me);
    expect(offset.nearbyUsers.nodes.map((n: any) => n.id)).toEqual([near[2].id, near[3].id]);
    // setLocation's nearbyUsers is the same connection, measured from the new position.
    const moved = await run('mutation { setLocation(input: { lat: -60.2, lng: -120 }) { nearbyUsers(filter: { distance: 100 }, first: 1) { edges { node { id: databaseId } distance } } } }', {}, me);
    expect(moved.setLocation.nearbyUsers.edges).toEqual([{ node: { id: near[4].id }, distance: 0 }]);
  });

  test('search: each list a connection of its own, highest id first', async () => {
    const found = await members(5);
    for (const m of found) await run('mutation($n: String!) { updateProfile(input: { firstName: $n }) { id: databaseId } }', { n: `Qzcontract${m.id}` }, m);
    const read = async (args: Record<string, unknown>) =>
      (
        await run(
          `query($first: Int, $after: String, $last: Int, $before: String) { search(query: "qzcontract") { users(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } pages(first: 1) { nodes { id: databaseId } } } }`,
          args,
          found[0],
        )
      ).search.users;
    await pagesBothWays(read, found.map((m) => m.id).reverse(), async () => undefined);
  });

  test('a cursor this list did not give out, and a page past 100, are refused', async () => {
    const [me] = await members(1);
    expect(errorOf(await gw.gql('{ notifications(after: "bm9wZQ") { totalCount } }', {}, me.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(errorOf(await gw.gql('{ activities(first: 101) { nodes { databaseId } } }', {}, me.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(errorOf(await gw.gql('{ blockedUsers(first: 1, last: 1) { totalCount } }', {}, me.token))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('node(id:) fetches notifications and activities', () => {
  test("the viewer's own notification, an activity their list shows; null for another's, an invisible one, or anonymously; one statement per type", async () => {
    const [ann, bob, cat, dan] = await members(4);
    await follow(bob, ann);
    await follow(cat, ann);
    await follow(ann, bob);
    await follow(dan, cat);
    const db = gw.app.database.db;
    const notes = (await db.selectFrom('notifications').select('id').where('recipient_id', '=', ann.id).orderBy('id').execute()).map((r) => r.id);
    const bobsNote = (await db.selectFrom('notifications').select('id').where('recipient_id', '=', bob.id).executeTakeFirstOrThrow()).id;
    const annsActivity = (await db.selectFrom('activities').select('id').where('user_id', '=', ann.id).executeTakeFirstOrThrow()).id;
    const bobsActivity = (await db.selectFrom('activities').select('id').where('user_id', '=', bob.id).executeTakeFirstOrThrow()).id;
    const dansActivity = (await db.selectFrom('activities').select('id').where('user_id', '=', dan.id).executeTakeFirstOrThrow()).id;
    const nid = (n: number) => toGlobalId('Notification', n);
    const aid = (n: number) => toGlobalId('Activity', n);

    const one = await run('query($id: ID!) { node(id: $id) { __typename id ... on Notification { databaseId type refType notifier { id: databaseId } } } }', { id: nid(notes[0]) }, ann);
    expect(one.node).toEqual({ __typename: 'Notification', id: nid(notes[0]), databaseId: notes[0], type: 'FOLLOWING', refType: 'USER', notifier: { id: bob.id } });

    const QUERY = 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Notification { databaseId } ... on Activity { databaseId type refType user { id: databaseId } } } }';
    const ask = [nid(notes[0]), nid(notes[1]), nid(bobsNote), aid(annsActivity), aid(bobsActivity), aid(dansActivity)];
    const start = gw.queries.length;
    const many = await run(QUERY, { ids: ask }, ann);
    const statements = gw.queries.slice(start);
    expect(many.nodes).toEqual([
      { __typename: 'Notification', databaseId: notes[0] },
      { __typename: 'Notification', databaseId: notes[1] },
      null, // bob's notification
      { __typename: 'Activity', databaseId: annsActivity, type: 'FOLLOWING', refType: 'USER', user: { id: ann.id } },
      { __typename: 'Activity', databaseId: bobsActivity, type: 'FOLLOWING', refType: 'USER', user: { id: bob.id } }, // ann follows bob
      null, // dan is not followed by ann
    ]);
    expect(statements.filter((sql) => /from "notifications"/i.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => /from activities/i.test(sql))).toHaveLength(1);

    // bob unfollowed is no longer in ann's list: the activity reads null, as the list leaves it out.
    await run('mutation($id: ID!) { unfollowUser(userId: $id) }', { id: uid(bob.id) }, ann);
    expect((await run('query($id: ID!) { node(id: $id) { id } }', { id: aid(bobsActivity) }, ann)).node).toBeNull();
    expect((await run('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [nid(notes[0]), aid(annsActivity)] }, null)).nodes).toEqual([null, null]);
  });
});

describe('enums on the wire', () => {
  test('NotificationType, NotificationSubject, ActivityType, ActivitySubject and FollowStatus are enums in SCREAMING_SNAKE_CASE', async () => {
    const data = await run(
      `{ t: __type(name: "NotificationType") { kind enumValues { name } } s: __type(name: "NotificationSubject") { kind enumValues { name } }
         a: __type(name: "ActivityType") { kind enumValues { name } } f: __type(name: "FollowStatus") { kind enumValues { name } } }`,
      {},
      null,
    );
    expect(data.t.kind).toBe('ENUM');
    expect(data.t.enumValues.map((v: any) => v.name)).toEqual(['FOLLOWING', 'FOLLOW_REQUEST', 'ACCEPTED_REQUEST', 'COMMENT', 'REPLY', 'REACTION', 'MESSAGE', 'WEBHOOK_DISABLED']);
    expect(data.s.enumValues.map((v: any) => v.name)).toContain('WEBHOOK_SUBSCRIPTION');
    expect(data.a.enumValues.map((v: any) => v.name)).toEqual(['FOLLOWING', 'POST', 'COMMENT', 'REPLY', 'REACTION']);
    expect(data.f.enumValues.map((v: any) => v.name)).toEqual(['FOLLOWED', 'UNFOLLOWED', 'REQUESTED']);
  });

  test("a follow request's notification reads FOLLOW_REQUEST; the legacy list still says follow_request", async () => {
    const [pia, ann] = await members(2);
    await gw.app.database.db.updateTable('users').set({ confirm_followers: 1 }).where('id', '=', pia.id).execute();
    expect((await follow(ann, pia)).followUser).toBe('REQUESTED');
    const list = await run('{ notifications { nodes { type refType } } }', {}, pia);
    expect(list.notifications.nodes).toEqual([{ type: 'FOLLOW_REQUEST', refType: 'USER' }]);
    const legacy = await social(gw, 'get-general-data', { fetch: 'notifications' }, pia.token);
    expect(legacy.body.notifications.map((n: any) => [n.type, n.ref_type])).toEqual([['follow_request', 'user']]);
  });
});

describe('setters and global ids', () => {
  test('followUser is a setter (no toggle); followStatus reads the state; the legacy follow-user still toggles', async () => {
    const [ann, bob] = await members(2);
    const status = async () => (await run('query($id: ID!) { followStatus(userId: $id) }', { id: uid(bob.id) }, ann)).followStatus;
    expect(await status()).toBe('UNFOLLOWED');
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect((await follow(ann, bob)).followUser).toBe('FOLLOWED');
    expect(await status()).toBe('FOLLOWED');
    expect(code(await gw.gql('mutation($id: ID!) { followUser(userId: $id, toggle: true) }', { id: uid(bob.id) }, ann.token))).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await social(gw, 'follow-user', { user_id: String(bob.id) }, ann.token)).body.follow_status).toBe('unfollowed');
    expect(await status()).toBe('UNFOLLOWED');
    expect((await social(gw, 'follow-user', { user_id: String(bob.id) }, ann.token)).body.follow_status).toBe('followed');
    expect(await status()).toBe('FOLLOWED');
  });

  test('ids of the wrong type or no id at all are refused, naming the argument', async () => {
    const [ann, bob] = await members(2);
    await follow(bob, ann);
    const note = (await gw.app.database.db.selectFrom('notifications').select('id').where('recipient_id', '=', ann.id).executeTakeFirstOrThrow()).id;
    const wrong = toGlobalId('Notification', bob.id);
    for (const mutation of ['followUser', 'unfollowUser', 'blockUser', 'unblockUser']) {
      expect(errorOf(await gw.gql(`mutation($id: ID!) { ${mutation}(userId: $id) }`, { id: wrong }, ann.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      expect(errorOf(await gw.gql(`mutation($id: ID!) { ${mutation}(userId: $id) }`, { id: String(bob.id) }, ann.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    }
    expect(errorOf(await gw.gql('query($id: ID!) { followStatus(userId: $id) }', { id: 'garbage' }, ann.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const respond = 'mutation($i: RespondToFollowRequestInput!) { respondToFollowRequest(input: $i) }';
    expect(errorOf(await gw.gql(respond, { i: { userId: wrong, accept: true } }, ann.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const seen = 'mutation($ids: [ID!]) { markNotificationsSeen(ids: $ids) }';
    expect(errorOf(await gw.gql(seen, { ids: [toGlobalId('Notification', note), uid(note)] }, ann.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids.1' });
    expect((await run(seen, { ids: [toGlobalId('Notification', note)] }, ann)).markNotificationsSeen).toBe(1);
  });
});
