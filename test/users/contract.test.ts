import { ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { code, ok } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';

/** The users domain on the GraphQL contract: global ids, node fetchers, the users connection, enums. */
let gw: TestGateway;
let adminToken: string;

beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = ok(await gw.gql('mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD })).login.token;
});
afterAll(() => gw.close());

const USER = (n: number) => toGlobalId('User', n);
const field = (res: { body: any }) => res.body.errors?.[0]?.extensions?.field;

async function named(username: string, firstName: string) {
  const member = await gw.member(username);
  ok(await gw.gql('mutation($n: String!) { updateProfile(input: { firstName: $n }) { id } }', { n: firstName }, member.token));
  return member;
}

async function keyOf(token: string, name: string): Promise<number> {
  return ok(await gw.gql('mutation($n: String!) { createApiKey(name: $n) { apiKey { id: databaseId } } }', { n: name }, token)).createApiKey.apiKey.id;
}

async function sessionOf(token: string): Promise<number> {
  return ok(await gw.gql('{ sessions { id: databaseId current } }', {}, token)).sessions.find((s: any) => s.current).id;
}

describe('node and nodes', () => {
  const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) {
    __typename id
    ... on User { databaseId username email }
    ... on Role { databaseId name }
    ... on Session { databaseId current }
    ... on ApiKey { databaseId name }
  } }`;

  test("fetch users, roles, the viewer's own sessions and API keys; null for a deleted user and for other people's sessions and keys", async () => {
    const ann = await gw.member('nodeann');
    const bob = await gw.member('nodebob');
    const gone = await gw.member('nodegone');
    ok(await gw.gql('mutation { deleteAccount(password: "password123") }', {}, gone.token));
    const [annKey, bobKey] = [await keyOf(ann.token, 'ann-key'), await keyOf(bob.token, 'bob-key')];
    const [annSession, bobSession] = [await sessionOf(ann.token), await sessionOf(bob.token)];
    const ids = [
      USER(ann.id),
      USER(bob.id),
      USER(gone.id),
      toGlobalId('Role', 3),
      toGlobalId('Session', annSession),
      toGlobalId('Session', bobSession),
      toGlobalId('ApiKey', annKey),
      toGlobalId('ApiKey', bobKey),
    ];
    const nodes = ok(await gw.gql(NODES, { ids }, ann.token)).nodes;
    expect(nodes).toEqual([
      { __typename: 'User', id: USER(ann.id), databaseId: ann.id, username: 'nodeann', email: ann.email },
      // Another user's private fields read as `user` shows them: null.
      { __typename: 'User', id: USER(bob.id), databaseId: bob.id, username: 'nodebob', email: null },
      null,
      { __typename: 'Role', id: toGlobalId('Role', 3), databaseId: 3, name: 'Moderator' },
      { __typename: 'Session', id: toGlobalId('Session', annSession), databaseId: annSession, current: true },
      null,
      { __typename: 'ApiKey', id: toGlobalId('ApiKey', annKey), databaseId: annKey, name: 'ann-key' },
      null,
    ]);
    // Anonymous callers see users and roles only.
    const anonymous = ok(await gw.gql(NODES, { ids })).nodes;
    expect(anonymous.map((n: any) => n?.__typename ?? null)).toEqual(['User', 'User', null, 'Role', null, null, null, null]);
    expect(ok(await gw.gql(`{ node(id: "${USER(gone.id)}") { id } }`, {}, adminToken)).node).toBeNull();
  });

  test('one statement per type, however many of each are asked for', async () => {
    const crowd: Awaited<ReturnType<TestGateway['member']>>[] = [];
    for (let i = 0; i < 6; i++) crowd.push(await gw.member(`nodecrowd${i}`));
    const owner = crowd[0];
    const keys = [await keyOf(owner.token, 'k1'), await keyOf(owner.token, 'k2'), await keyOf(owner.token, 'k3')];
    const statements = async (n: number) => {
      const ids = [
        ...crowd.slice(0, n * 2).map((m) => USER(m.id)),
        ...[1, 3, 4].slice(0, n).map((r) => toGlobalId('Role', r)),
        ...keys.slice(0, n).map((k) => toGlobalId('ApiKey', k)),
        toGlobalId('Session', 999_999),
      ];
      const before = gw.queries.length;
      const nodes = ok(await gw.gql(NODES, { ids }, owner.token)).nodes;
      expect(nodes.filter((node: unknown) => node !== null)).toHaveLength(n * 4);
      return gw.queries.length - before;
    };
    const one = await statements(1);
    expect(await statements(3)).toBe(one);
  });
});

describe('the users connection', () => {
  const PAGE = `query($after: String, $before: String, $first: Int, $last: Int, $order: UserOrder!) {
    users(filter: { search: "cxq" }, orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { firstName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const names = (connection: any) => connection.edges.map((e: any) => e.node.firstName);

  test('pages forward and backward by name with keyset cursors: rows added between pages neither repeat nor shift the pages', async () => {
    const member = await named('cxq1', 'Dora');
    for (const [username, name] of [
      ['cxq2', 'Bea'],
      ['cxq3', 'Finn'],
      ['cxq4', 'Abe'],
      ['cxq5', 'Eve'],
      ['cxq6', 'Cal'],
    ])
      await named(username, name);
    const first = ok(await gw.gql(PAGE, { first: 3, order: 'NAME_ASC' }, member.token)).users;
    expect(names(first)).toEqual(['Abe', 'Bea', 'Cal']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(6);
    // One sorts before the page read, one after its end.
    await named('cxq7', 'Aaron');
    await named('cxq8', 'Cem');
    const second = ok(await gw.gql(PAGE, { first: 3, after: first.pageInfo.endCursor, order: 'NAME_ASC' }, member.token)).users;
    expect(names(second)).toEqual(['Cem', 'Dora', 'Eve']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = ok(await gw.gql(PAGE, { first: 3, after: second.pageInfo.endCursor, order: 'NAME_ASC' }, member.token)).users;
    expect(names(third)).toEqual(['Finn']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = ok(await gw.gql(PAGE, { last: 2, before: second.edges[1].cursor, order: 'NAME_ASC' }, member.token)).users;
    expect(names(back)).toEqual(['Cal', 'Cem']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const descending = ok(await gw.gql(PAGE, { first: 2, order: 'NAME_DESC' }, member.token)).users;
    expect(names(descending)).toEqual(['Finn', 'Eve']);
  });

  test('newest first by default; a user who joins between pages does not push the next page back', async () => {
    const ids = async (after?: string) => {
      const page = ok(await gw.gql('query($after: String) { users(first: 2, after: $after) { nodes { databaseId } pageInfo { endCursor } } }', { after }, adminToken)).users;
      return { ids: page.nodes.map((n: any) => n.databaseId), end: page.pageInfo.endCursor };
    };
    const first = await ids();
    await gw.member('cxjoiner');
    const second = await ids(first.end);
    expect(second.ids[0]).toBeLessThan(first.ids[1]);
    expect(second.ids.some((id: number) => first.ids.includes(id))).toBe(false);
  });
});

describe('ids and codes on the wire', () => {
  test('wrong global ids and cursors are BAD_USER_INPUT naming the argument', async () => {
    const { token } = await gw.member('badids');
    const user = await gw.gql('{ user(id: "12") { id } }', {}, token);
    expect([code(user), field(user)]).toEqual(['BAD_USER_INPUT', 'id']);
    const role = await gw.gql(`{ user(id: "${toGlobalId('Role', 1)}") { id } }`, {}, token);
    expect([code(role), field(role)]).toEqual(['BAD_USER_INPUT', 'id']);
    const session = await gw.gql(`mutation { revokeSession(sessionId: "${toGlobalId('ApiKey', 1)}") }`, {}, token);
    expect([code(session), field(session)]).toEqual(['BAD_USER_INPUT', 'sessionId']);
    const filter = await gw.gql(`{ users(filter: { roleId: "${USER(1)}" }) { totalCount } }`, {}, token);
    expect([code(filter), field(filter)]).toEqual(['BAD_USER_INPUT', 'filter.roleId']);
    const cursor = await gw.gql('{ users(after: "not-a-cursor") { totalCount } }', {}, token);
    expect([code(cursor), field(cursor)]).toEqual(['BAD_USER_INPUT', 'after']);
    const presence = await gw.gql('mutation { setPresence(input: { presence: ONLINE, userId: "1" }) { id } }', {}, token);
    expect([code(presence), field(presence)]).toEqual(['BAD_USER_INPUT', 'userId']);
  });

  test('codes are enums: pro type, user type, follow and message privacy', async () => {
    const member = await gw.member('enumer');
    await gw.app.database.db.updateTable('users').set({ is_pro: 1, pro_type: 3 }).where('id', '=', member.id).execute();
    ok(await gw.gql('mutation { updateProfile(input: { followPrivacy: PEOPLE_I_FOLLOW, messagePrivacy: NOBODY }) { id } }', {}, member.token));
    const fields = '{ proType userType followPrivacy messagePrivacy privacy { followPrivacy messagePrivacy } }';
    expect(ok(await gw.gql(`{ viewer ${fields} }`, {}, member.token)).viewer).toEqual({
      proType: 'ULTIMA',
      userType: 'MEMBER',
      followPrivacy: 'PEOPLE_I_FOLLOW',
      messagePrivacy: 'NOBODY',
      privacy: { followPrivacy: 'PEOPLE_I_FOLLOW', messagePrivacy: 'NOBODY' },
    });
    expect(ok(await gw.gql('{ viewer { proType userType } }', {}, adminToken)).viewer).toEqual({ proType: 'NONE', userType: 'ADMIN' });
    const row = await gw.app.database.db.selectFrom('users').select(['follow_privacy', 'message_privacy']).where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ follow_privacy: 1, message_privacy: 2 });
  });

  test('targets by global id or msid; deletes answer the deleted id', async () => {
    const member = await gw.member('targeted');
    const msid = ok(await gw.gql(`{ user(id: "${USER(member.id)}") { msid } }`, {}, adminToken)).user.msid;
    const byMsid = await gw.gql('mutation($m: String!) { updateUser(input: { msid: $m, lastName: "Msid" }) { lastName } }', { m: msid }, adminToken);
    expect(ok(byMsid).updateUser.lastName).toBe('Msid');
    const both = await gw.gql('mutation($m: String!, $u: ID!) { updateUser(input: { msid: $m, userId: $u, lastName: "X" }) { id } }', { m: msid, u: USER(member.id) }, adminToken);
    expect(code(both)).toBe('BAD_USER_INPUT');
    const role = await gw.gql('mutation($u: ID!, $r: ID!) { setUserRole(input: { userId: $u, roleId: $r }) { role { id name } } }', { u: USER(member.id), r: toGlobalId('Role', 3) }, adminToken);
    expect(ok(role).setUserRole.role).toEqual({ id: toGlobalId('Role', 3), name: 'Moderator' });
    const key = await keyOf(member.token, 'to-revoke');
    expect(ok(await gw.gql('mutation($k: ID!) { revokeApiKey(apiKeyId: $k) }', { k: toGlobalId('ApiKey', key) }, member.token)).revokeApiKey).toBe(toGlobalId('ApiKey', key));
    const keys = ok(await gw.gql('{ apiKeys(first: 1) { nodes { id revokedAt } pageInfo { hasNextPage } } }', {}, member.token)).apiKeys;
    expect(keys).toEqual({ nodes: [{ id: toGlobalId('ApiKey', key), revokedAt: expect.any(String) }], pageInfo: { hasNextPage: false } });
  });
});
