import { recordEvents } from '../support/events';
import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
let admin: Member;
beforeAll(async () => {
  gw = await startTestGateway();
  const { body } = await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token user { id: databaseId } } }`);
  admin = { id: body.data.login.user.id, token: body.data.login.token };
});
afterAll(() => gw.close());

let serial = 0;
const member = (prefix = 'gp') => gw.member(`${prefix}${++serial}`);
const handle = (prefix: string) => `${prefix}_${++serial}_q`;
const as = (who: Member, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, who.token);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PAGE = 'id: databaseId name title likeCount viewerLikes viewerIsOwner botEnabled promoted verified url owner { id: databaseId }';
const GROUP = 'id: databaseId name title memberCount isPrivate joinNeedsApproval viewerMembership viewerIsMember viewerIsOwner url owner { id: databaseId }';

async function createPage(owner: Member, name = handle('page')) {
  return ok(await as(owner, `mutation($i: CreatePageInput!) { createPage(input: $i) { ${PAGE} } }`, { i: { name, title: `Page ${name}` } })).createPage;
}
async function createGroup(owner: Member, input: Record<string, unknown> = {}) {
  const i = { name: handle('group'), title: 'A group', ...input };
  return ok(await as(owner, `mutation($i: CreateGroupInput!) { createGroup(input: $i) { ${GROUP} } }`, { i })).createGroup;
}
const likePage = (who: Member, id: number, liked = true) =>
  as(who, 'mutation($i: SetPageLikedInput!) { setPageLiked(input: $i) { likeCount viewerLikes } }', { i: { pageId: toGlobalId('Page', id), liked } });
const joinGroup = (who: Member, id: number, member = true) =>
  as(who, 'mutation($i: SetGroupMembershipInput!) { setGroupMembership(input: $i) { memberCount viewerMembership viewerIsMember } }', { i: { groupId: toGlobalId('Group', id), member } });
const nodes = (connection: { nodes: unknown[] }) => connection.nodes;

describe('pages', () => {
  test('createPage, then page by id or by name in any case; both or neither is BAD_USER_INPUT', async () => {
    const owner = await member();
    const page = await createPage(owner, 'Cafe_Noir');
    expect(page).toEqual({
      id: expect.any(Number),
      name: 'Cafe_Noir',
      title: 'Page Cafe_Noir',
      likeCount: 0,
      viewerLikes: false,
      viewerIsOwner: true,
      botEnabled: false,
      promoted: false,
      verified: false,
      url: '/Cafe_Noir',
      owner: { id: owner.id },
    });
    const other = await member();
    expect(ok(await as(other, `{ page(name: "cafe_noir") { ${PAGE} } }`)).page).toEqual({ ...page, viewerIsOwner: false });
    expect(ok(await as(other, 'query($id: ID!) { page(id: $id) { name } }', { id: toGlobalId('Page', page.id) })).page).toEqual({ name: 'Cafe_Noir' });
    expect(ok(await gw.gql(`{ page(id: "${toGlobalId('Page', 999999)}") { id: databaseId } }`)).page).toBeNull();
    expect(code(await gw.gql(`{ page(id: "${toGlobalId('Page', 1)}", name: "x") { id: databaseId } }`))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql(`{ page(id: "${toGlobalId('Group', 1)}") { id: databaseId } }`))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('{ page { id: databaseId } }'))).toBe('BAD_USER_INPUT');
    expect(code(await gw.gql('mutation { createPage(input: { name: "anonymous", title: "t" }) { id: databaseId } }'))).toBe('UNAUTHENTICATED');
  });

  test('the owner turns the bot on; verified and promoted are for admins; promotedPages lists promoted pages', async () => {
    const [owner, other] = [await member(), await member()];
    const page = await createPage(owner);
    const update = (who: Member, input: Record<string, unknown>) =>
      as(who, `mutation($i: UpdatePageInput!) { updatePage(input: $i) { ${PAGE} details { company facebook } } }`, { i: { pageId: toGlobalId('Page', page.id), ...input } });
    const updated = ok(await update(owner, { botEnabled: true, details: { company: 'Noir Ltd' } })).updatePage;
    expect(updated).toMatchObject({ botEnabled: true, details: { company: 'Noir Ltd', facebook: null } });
    expect(code(await update(other, { botEnabled: false }))).toBe('FORBIDDEN');
    expect(code(await update(owner, { promoted: true }))).toBe('FORBIDDEN');
    expect(code(await update(owner, { details: { shoe_size: '42' } }))).toBe('BAD_USER_INPUT');
    expect(code(await update(owner, { title: '   ' }))).toBe('BAD_USER_INPUT');
    expect(await gw.app.database.db.selectFrom('pages').select(['bot_enabled', 'promoted']).where('id', '=', page.id).executeTakeFirstOrThrow()).toEqual({ bot_enabled: 1, promoted: 0 });

    expect(ok(await update(admin, { promoted: true, verified: true })).updatePage).toMatchObject({ promoted: true, verified: true, botEnabled: true });
    expect(ok(await update(owner, { details: { company: null } })).updatePage.details).toEqual({ company: null, facebook: null });
    const promoted = ok(await gw.gql('{ promotedPages(first: 5) { nodes { id: databaseId promoted } } }')).promotedPages;
    expect(nodes(promoted)).toEqual([{ id: page.id, promoted: true }]);
    expect(code(await gw.gql('{ promotedPages(first: 101) { nodes { id: databaseId } } }'))).toBe('BAD_USER_INPUT');
  });

  test('setPageLiked sets an explicit state (setting it again changes nothing); likeCount follows', async () => {
    const [owner, fan] = [await member(), await member()];
    const page = await createPage(owner);
    expect(ok(await likePage(fan, page.id, true)).setPageLiked).toEqual({ likeCount: 1, viewerLikes: true });
    expect(ok(await likePage(fan, page.id, true)).setPageLiked).toEqual({ likeCount: 1, viewerLikes: true });
    expect(ok(await likePage(fan, page.id, false)).setPageLiked).toEqual({ likeCount: 0, viewerLikes: false });
    expect(ok(await likePage(fan, page.id, false)).setPageLiked).toEqual({ likeCount: 0, viewerLikes: false });
    expect(ok(await likePage(fan, page.id)).setPageLiked).toEqual({ likeCount: 1, viewerLikes: true });
    expect(ok(await likePage(owner, page.id)).setPageLiked).toEqual({ likeCount: 2, viewerLikes: true });
    expect(code(await likePage(fan, 999999))).toBe('NOT_FOUND');
  });

  test("pages(ownerId) lists an owner's pages newest first, a page at a time", async () => {
    const owner = await member();
    const ids = [(await createPage(owner)).id, (await createPage(owner)).id, (await createPage(owner)).id];
    const list = async (first: number, after: string | null) =>
      ok(
        await gw.gql('query($o: ID!, $f: Int!, $a: String) { pages(ownerId: $o, first: $f, after: $a) { nodes { id: databaseId } pageInfo { endCursor hasNextPage } } }', {
          o: toGlobalId('User', owner.id),
          f: first,
          a: after,
        }),
      ).pages;
    const one = await list(2, null);
    expect(one.nodes.map((p: any) => p.id)).toEqual([ids[2], ids[1]]);
    const two = await list(2, one.pageInfo.endCursor);
    expect([two.nodes.map((p: any) => p.id), two.pageInfo.hasNextPage]).toEqual([[ids[0]], false]);
    expect(code(await gw.gql('{ pages(first: 101) { nodes { id: databaseId } } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('groups', () => {
  test('setGroupMembership joins and leaves (setting the state again changes nothing); the owner cannot leave', async () => {
    const [owner, runner] = [await member(), await member()];
    const group = await createGroup(owner);
    expect(group).toMatchObject({ memberCount: 1, viewerMembership: 'MEMBER', viewerIsMember: true, viewerIsOwner: true, isPrivate: false, url: `/g/${group.name}` });
    expect(ok(await joinGroup(runner, group.id, true)).setGroupMembership).toEqual({ memberCount: 2, viewerMembership: 'MEMBER', viewerIsMember: true });
    expect(ok(await joinGroup(runner, group.id, true)).setGroupMembership).toEqual({ memberCount: 2, viewerMembership: 'MEMBER', viewerIsMember: true });
    expect(ok(await joinGroup(runner, group.id, false)).setGroupMembership).toMatchObject({ memberCount: 1, viewerMembership: 'NONE' });
    expect(ok(await joinGroup(runner, group.id, false)).setGroupMembership).toMatchObject({ memberCount: 1, viewerMembership: 'NONE' });
    expect(ok(await joinGroup(runner, group.id)).setGroupMembership).toMatchObject({ memberCount: 2, viewerMembership: 'MEMBER' });
    expect(code(await joinGroup(owner, group.id, false))).toBe('BAD_USER_INPUT');
    expect(ok(await joinGroup(owner, group.id, true)).setGroupMembership).toMatchObject({ memberCount: 2, viewerMembership: 'MEMBER' });
    expect(code(await joinGroup(runner, 999999))).toBe('NOT_FOUND');
  });

  test('a group that needs approval answers PENDING and does not count the request', async () => {
    const [owner, asker] = [await member(), await member()];
    const group = await createGroup(owner, { joinNeedsApproval: true, isPrivate: true });
    expect(group).toMatchObject({ joinNeedsApproval: true, isPrivate: true });
    expect(ok(await joinGroup(asker, group.id)).setGroupMembership).toEqual({ memberCount: 1, viewerMembership: 'PENDING', viewerIsMember: false });
    expect(ok(await joinGroup(asker, group.id, false)).setGroupMembership).toEqual({ memberCount: 1, viewerMembership: 'NONE', viewerIsMember: false });
  });

  test('groups(ownerId | memberId) and group(name); a taken name is CONFLICT; others may not update', async () => {
    const [owner, runner] = [await member(), await member()];
    const [a, b] = [await createGroup(owner), await createGroup(owner)];
    await joinGroup(runner, a.id);
    const ids = async (args: string) => ok(await gw.gql(`{ groups(${args}) { nodes { id: databaseId } } }`)).groups.nodes.map((g: any) => g.id);
    const [ownerId, runnerId] = [toGlobalId('User', owner.id), toGlobalId('User', runner.id)];
    expect(await ids(`ownerId: "${ownerId}"`)).toEqual([b.id, a.id]);
    expect(await ids(`memberId: "${runnerId}"`)).toEqual([a.id]);
    expect(await ids(`ownerId: "${ownerId}", memberId: "${runnerId}"`)).toEqual([a.id]);
    expect(ok(await gw.gql(`{ group(name: "${a.name.toUpperCase()}") { id: databaseId } }`)).group).toEqual({ id: a.id });
    expect(code(await as(runner, 'mutation($i: CreateGroupInput!) { createGroup(input: $i) { id: databaseId } }', { i: { name: a.name, title: 'Copy' } }))).toBe('CONFLICT');
    const update = (who: Member, input: Record<string, unknown>) =>
      as(who, 'mutation($i: UpdateGroupInput!) { updateGroup(input: $i) { title name } }', { i: { groupId: toGlobalId('Group', b.id), ...input } });
    expect(code(await update(runner, { title: 'Mine' }))).toBe('FORBIDDEN');
    expect(code(await update(owner, { name: a.name }))).toBe('CONFLICT');
    expect(ok(await update(owner, { title: 'Ours' })).updateGroup).toEqual({ title: 'Ours', name: b.name });
  });
});

describe('user fields', () => {
  test('likedPages, groups, ownedPages and ownedGroups of a user, newest first, limited', async () => {
    const [owner, fan] = [await member(), await member()];
    const [p1, p2, p3] = [await createPage(owner), await createPage(owner), await createPage(owner)];
    for (const page of [p2, p1, p3]) await likePage(fan, page.id);
    const [g1, g2] = [await createGroup(owner), await createGroup(owner)];
    await joinGroup(fan, g2.id);
    await sleep(2);
    await joinGroup(fan, g1.id);
    const query = `query($ids: [ID!]!) { usersByIds(ids: $ids) {
      id: databaseId likedPages(first: 2) { nodes { id: databaseId viewerLikes } } groups { nodes { id: databaseId } } ownedPages { nodes { id: databaseId } } ownedGroups(first: 1) { nodes { id: databaseId } }
    } }`;
    const flat = (user: any) => ({ ...user, likedPages: nodes(user.likedPages), groups: nodes(user.groups), ownedPages: nodes(user.ownedPages), ownedGroups: nodes(user.ownedGroups) });
    const users = ok(await as(fan, query, { ids: [fan.id, owner.id].map((id) => toGlobalId('User', id)) })).usersByIds.map(flat);
    expect(users).toEqual([
      {
        id: fan.id,
        likedPages: [
          { id: p3.id, viewerLikes: true },
          { id: p1.id, viewerLikes: true },
        ],
        groups: [{ id: g1.id }, { id: g2.id }],
        ownedPages: [],
        ownedGroups: [],
      },
      { id: owner.id, likedPages: [], groups: [{ id: g2.id }, { id: g1.id }], ownedPages: [p3, p2, p1].map((p) => ({ id: p.id })), ownedGroups: [{ id: g2.id }] },
    ]);
  });

  test('users with their liked pages, groups and owners cost the same statements for 2 users as for 8', async () => {
    const owner = await member();
    const pages = [await createPage(owner), await createPage(owner)];
    const group = await createGroup(owner);
    const users: Member[] = [];
    for (let i = 0; i < 8; i++) {
      const user = await member('batch');
      for (const page of pages) await likePage(user, page.id);
      await joinGroup(user, group.id);
      users.push(user);
    }
    const statements = async (count: number) => {
      const before = gw.queries.length;
      const query = `query($ids: [ID!]!) { usersByIds(ids: $ids) {
        id: databaseId likedPages(first: 5) { nodes { id: databaseId likeCount viewerLikes owner { id: databaseId } } }
        groups(first: 5) { nodes { id: databaseId viewerIsMember owner { id: databaseId } } }
        ownedPages { nodes { id: databaseId } } ownedGroups { nodes { id: databaseId } }
      } }`;
      const data = ok(await as(owner, query, { ids: users.slice(0, count).map((u) => toGlobalId('User', u.id)) }));
      expect(data.usersByIds).toHaveLength(count);
      expect(data.usersByIds.every((u: any) => u.likedPages.nodes.length === 2 && u.groups.nodes.length === 1 && u.groups.nodes[0].viewerIsMember)).toBe(true);
      return gw.queries.length - before;
    };
    const few = await statements(2);
    expect(await statements(8)).toBe(few);
  });
});

describe('search', () => {
  test('leaves out users blocked either way; an empty query is BAD_USER_INPUT', async () => {
    const seeker = await member();
    const [blocked, blocker, plain] = [await gw.member('srch_blocked'), await gw.member('srch_blocker'), await gw.member('srch_plain')];
    const now = new Date().toISOString();
    await gw.app.database.db
      .insertInto('blocks')
      .values([
        { blocker_id: seeker.id, blocked_id: blocked.id, created_at: now },
        { blocker_id: blocker.id, blocked_id: seeker.id, created_at: now },
      ])
      .execute();
    const found = ok(await as(seeker, '{ search(query: "SRCH_") { users { nodes { id: databaseId } } pages { nodes { id: databaseId } } groups { nodes { id: databaseId } } } }')).search;
    expect(found).toEqual({ users: { nodes: [{ id: plain.id }] }, pages: { nodes: [] }, groups: { nodes: [] } });
    const anonymous = ok(await gw.gql('{ search(query: "srch_") { users { nodes { id: databaseId } } } }')).search.users.nodes.map((u: any) => u.id);
    expect(anonymous).toEqual([plain.id, blocker.id, blocked.id]);
    expect(code(await as(seeker, '{ search(query: "  ") { users { nodes { id: databaseId } } } }'))).toBe('BAD_USER_INPUT');
    expect(code(await as(seeker, '{ search(query: "x", gender: "other") { users { nodes { id: databaseId } } } }'))).toBe('BAD_USER_INPUT');
  });
});

test('page.created, page.liked, group.created and group.joined are published after commit; a failed change publishes nothing', async () => {
  const [owner, fan] = [await member(), await member()];
  const ours = new Set([owner.id, fan.id]);
  const recording = await recordEvents(gw, (event) => event.actorId !== null && ours.has(event.actorId));
  const page = await createPage(owner);
  expect(code(await as(fan, 'mutation($i: CreatePageInput!) { createPage(input: $i) { id: databaseId } }', { i: { name: page.name, title: 'Dup' } }))).toBe('CONFLICT');
  await likePage(fan, page.id);
  const group = await createGroup(owner);
  await joinGroup(fan, group.id);
  expect(code(await joinGroup(owner, group.id, false))).toBe('BAD_USER_INPUT');
  const events = (await recording.stop(4)).map((event) => [event.name, event.entities]);
  expect(events).toEqual([
    ['page.created', { page: [page.id], user: [owner.id] }],
    ['page.liked', { page: [page.id], user: [fan.id] }],
    ['group.created', { group: [group.id], user: [owner.id] }],
    ['group.joined', { group: [group.id], user: [fan.id] }],
  ]);
});
