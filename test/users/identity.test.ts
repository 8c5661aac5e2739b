import { Topic } from '../../src/graphql/pubsub';
import type { DomainEvent } from '../../src/events/domain-event';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
let adminToken: string;
const events: DomainEvent[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
  const { body } = await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }');
  adminToken = body.data.login.token;
  void (async () => {
    for await (const event of gw.app.gateway.services.pubsub.subscribe(Topic.DomainEvent)) events.push(event);
  })();
});
afterAll(() => gw.close());

const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { token user { id: databaseId username email msid status role { name } } } }';

describe('register and login', () => {
  test('register creates an active member, returns a working token, and publishes member.joined', async () => {
    const { body } = await gw.gql(REGISTER, { input: { username: 'Alice', email: 'Alice@Example.com', password: 'secret123' } });
    const { token, user } = body.data.register;
    expect(user).toMatchObject({ username: 'Alice', email: 'Alice@Example.com', status: 'ACTIVE', role: { name: 'Member' } });
    expect(user.msid).toMatch(new RegExp(`^${user.id}\\.[A-Za-z0-9]{25}$`));
    const viewer = await gw.gql('{ viewer { id: databaseId username } }', {}, token);
    expect(viewer.body.data.viewer).toEqual({ id: user.id, username: 'Alice' });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toContainEqual(expect.objectContaining({ name: 'member.joined', entities: { user: [user.id] } }));
  });

  test('usernames and emails are unique without regard to case', async () => {
    const before = await gw.count('users');
    const dupName = await gw.gql(REGISTER, { input: { username: 'ALICE', email: 'other@example.com', password: 'secret123' } });
    expect(dupName.body.errors[0].extensions.code).toBe('CONFLICT');
    const dupEmail = await gw.gql(REGISTER, { input: { username: 'alice2', email: 'ALICE@example.COM', password: 'secret123' } });
    expect(dupEmail.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(await gw.count('users')).toBe(before);
  });

  test('bad input is refused with BAD_USER_INPUT and writes nothing', async () => {
    const before = await gw.count('users');
    const res = await gw.gql(REGISTER, { input: { username: 'no spaces!', email: 'not-an-email', password: '1' } });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await gw.count('users')).toBe(before);
  });

  test('login takes username or email in any case; a wrong password is UNAUTHENTICATED', async () => {
    for (const login of ['alice', 'ALICE@EXAMPLE.COM']) {
      const res = await gw.gql(`mutation { login(input: { login: "${login}", password: "secret123" }) { token user { username } } }`);
      expect(res.body.data.login.user.username).toBe('Alice');
    }
    const wrong = await gw.gql('mutation { login(input: { login: "alice", password: "nope-nope" }) { token } }');
    expect(wrong.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const row = await gw.app.database.db.selectFrom('users').select(['login_count', 'last_login_ip']).where('username_key', '=', 'alice').executeTakeFirstOrThrow();
    expect(row.login_count).toBe(2);
    expect(row.last_login_ip).toBe('127.0.0.1');
  });

  test('passwords are bcrypt hashes at the configured cost (4 in tests); tokens are stored only as hashes', async () => {
    const { token, id } = await gw.member('hashcheck');
    const user = await gw.app.database.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$2[aby]\$04\$/);
    const tokens = await gw.app.database.db.selectFrom('access_tokens').selectAll().where('user_id', '=', id).execute();
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });
});

describe('sessions and account', () => {
  test('logout ends only the session used; the token then fails with 401', async () => {
    const { token } = await gw.member('bob');
    const second = (await gw.gql('mutation { login(input: { login: "bob", password: "password123" }) { token } }')).body.data.login.token;
    expect((await gw.gql('mutation { logout }', {}, token)).body.data.logout).toBe(true);
    const after = await gw.gql('{ viewer { id: databaseId } }', {}, token);
    expect(after.status).toBe(401);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gw.gql('{ viewer { username } }', {}, second)).body.data.viewer.username).toBe('bob');
  });

  test('changePassword checks the current password and ends other sessions', async () => {
    const { token } = await gw.member('carol');
    const other = (await gw.gql('mutation { login(input: { login: "carol", password: "password123" }) { token } }')).body.data.login.token;
    const wrong = await gw.gql('mutation { changePassword(input: { currentPassword: "bad-bad", newPassword: "newpass123" }) }', {}, token);
    expect(wrong.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const ok = await gw.gql('mutation { changePassword(input: { currentPassword: "password123", newPassword: "newpass123" }) }', {}, token);
    expect(ok.body.data.changePassword).toBe(true);
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, other)).status).toBe(401);
    expect((await gw.gql('mutation { login(input: { login: "carol", password: "newpass123" }) { token } }')).body.data.login.token).toBeTruthy();
  });

  test('updateProfile changes fields, validates them, and keeps others private', async () => {
    const { token, id } = await gw.member('dave');
    const res = await gw.gql(
      'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { firstName lastName timezone socialLinks { twitter } } }',
      { i: { firstName: 'Dave', lastName: 'Jones', timezone: 'Europe/Paris', socialLinks: { twitter: 'https://twitter.com/dave' } } },
      token,
    );
    expect(res.body.data.updateProfile).toEqual({ firstName: 'Dave', lastName: 'Jones', timezone: 'Europe/Paris', socialLinks: { twitter: 'https://twitter.com/dave' } });
    const bad = await gw.gql('mutation { updateProfile(input: { timezone: "Mars/Olympus" }) { id: databaseId } }', {}, token);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const other = await gw.member('erin');
    const seen = await gw.gql(`{ user(id: "${toGlobalId('User', id)}") { email firstName } }`, {}, other.token);
    expect(seen.body.data.user).toEqual({ email: null, firstName: 'Dave' });
  });

  test('deleteAccount needs the password, then the user is gone everywhere', async () => {
    const { token, id } = await gw.member('frank');
    expect((await gw.gql('mutation { deleteAccount(password: "wrong-one") }', {}, token)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gw.gql('mutation { deleteAccount(password: "password123") }', {}, token)).body.data.deleteAccount).toBe(toGlobalId('User', id));
    expect((await gw.gql(`{ user(id: "${toGlobalId('User', id)}") { id: databaseId } }`, {}, adminToken)).body.data.user).toBeNull();
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, token)).status).toBe(401);
    const again = await gw.member('frank');
    expect(again.id).not.toBe(id);
  });

  test('a password reset mail carries a one-time code that sets a new password', async () => {
    await gw.member('grace');
    expect((await gw.gql('mutation { requestPasswordReset(email: "nobody@example.com") }')).body.data.requestPasswordReset).toBe(true);
    await gw.gql('mutation { requestPasswordReset(email: "GRACE@example.com") }');
    const mail = gw.mailer.sent.at(-1)!;
    expect(mail.to).toBe('grace@example.com');
    const code = /: (\S+)$/.exec(mail.text)![1];
    expect((await gw.gql(`mutation { resetPassword(input: { token: "${code}", newPassword: "fresh-pass" }) }`)).body.data.resetPassword).toBe(true);
    expect((await gw.gql(`mutation { resetPassword(input: { token: "${code}", newPassword: "again-pass" }) }`)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gw.gql('mutation { login(input: { login: "grace", password: "fresh-pass" }) { token } }')).body.data.login.token).toBeTruthy();
  });
});

describe('users, roles and keys', () => {
  test('user is found by id, msid or username; a wrong sid finds nothing', async () => {
    const { id } = await gw.member('heidi');
    const { body } = await gw.gql(`{ user(id: "${toGlobalId('User', id)}") { msid } }`, {}, adminToken);
    const msid = body.data.user.msid;
    expect((await gw.gql(`{ user(msid: "${msid}") { id: databaseId } }`)).body.data.user.id).toBe(id);
    expect((await gw.gql('{ user(username: "HEIDI") { id: databaseId } }')).body.data.user.id).toBe(id);
    expect((await gw.gql(`{ user(msid: "${id}.wrongsid") { id: databaseId } }`)).body.data.user).toBeNull();
  });

  test('users pages with hasNextPage and orders; non-admins may list only ACTIVE users', async () => {
    const { token } = await gw.member('ivan');
    const first = await gw.gql('{ users(orderBy: USER_ID_ASC, first: 2) { pageInfo { hasNextPage } nodes { id: databaseId } } }', {}, token);
    expect(first.body.data.users.nodes).toHaveLength(2);
    expect(first.body.data.users.pageInfo.hasNextPage).toBe(true);
    const ids = first.body.data.users.nodes.map((u: { id: number }) => u.id);
    expect(ids[0]).toBeLessThan(ids[1]);
    const tooMany = await gw.gql('{ users(first: 500) { nodes { id: databaseId } } }', {}, token);
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const waitlist = await gw.gql('{ users(filter: { statuses: [WAITLIST] }) { nodes { id: databaseId } } }', {}, token);
    expect(waitlist.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('users search matches username and names; % and _ match only themselves', async () => {
    await gw.member('under_score');
    const search = async (text: string) =>
      (await gw.gql('query($s: String) { users(filter: { search: $s }, first: 50) { nodes { username } } }', { s: text }, adminToken)).body.data.users.nodes.map(
        (u: { username: string }) => u.username,
      );
    expect(await search('ALIC')).toEqual(['Alice']);
    expect(await search('r_s')).toEqual(['under_score']);
    expect(await search('%')).toEqual([]);
    expect(await search('a_i')).toEqual([]);
  });

  test('createUser and setUserRole are for admins; WAITLIST users publish member.joined_waitlist', async () => {
    const { token } = await gw.member('judy');
    const denied = await gw.gql('mutation { createUser(input: { email: "x@example.com" }) { id: databaseId } }', {}, token);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const made = await gw.gql('mutation { createUser(input: { email: "wait@example.com", status: WAITLIST }) { id: databaseId username status } }', {}, adminToken);
    expect(made.body.data.createUser).toMatchObject({ username: 'wait', status: 'WAITLIST' });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toContainEqual(expect.objectContaining({ name: 'member.joined_waitlist', entities: { user: [made.body.data.createUser.id] } }));
    const promoted = await gw.gql(
      `mutation { setUserRole(input: { userId: "${toGlobalId('User', made.body.data.createUser.id)}", roleId: "${toGlobalId('Role', 3)}" }) { role { name } } }`,
      {},
      adminToken,
    );
    expect(promoted.body.data.setUserRole.role.name).toBe('Moderator');
    expect(
      (await gw.gql(`mutation { setUserRole(input: { userId: "${toGlobalId('User', 1)}", roleId: "${toGlobalId('Role', 99)}" }) { id: databaseId } }`, {}, adminToken)).body.errors[0].extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  test('roles lists Admin, Moderator (3) and Member (4)', async () => {
    const { body } = await gw.gql('{ roles { id: databaseId name isDefault } }');
    expect(body.data.roles).toEqual([
      { id: 1, name: 'Admin', isDefault: true },
      { id: 3, name: 'Moderator', isDefault: true },
      { id: 4, name: 'Member', isDefault: true },
    ]);
  });

  test('an API key is shown once, works as the community Basic password, and stops working when revoked', async () => {
    const { token } = await gw.member('kim');
    const created = await gw.gql('mutation { createApiKey(name: "ci") { secret apiKey { id: databaseId prefix } } }', {}, token);
    const { secret, apiKey } = created.body.data.createApiKey;
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const basic = `Basic ${Buffer.from(`ci_system:${secret}`).toString('base64')}`;
    expect((await gw.http('GET', '/api/v1/users/me', { headers: { authorization: basic } })).body.username).toBe('kim');
    await gw.gql(`mutation { revokeApiKey(apiKeyId: "${toGlobalId('ApiKey', apiKey.id)}") }`, {}, token);
    expect((await gw.http('GET', '/api/v1/users/me', { headers: { authorization: basic } })).status).toBe(403);
    const adminBasic = `Basic ${Buffer.from(`ops:${ADMIN_API_KEY}`).toString('base64')}`;
    expect((await gw.http('GET', '/api/v1/users/me', { headers: { authorization: adminBasic } })).body.username).toBe('admin');
  });

  test('setPresence sets the viewer online; another user cannot set it for them', async () => {
    const lee = await gw.member('lee');
    const other = await gw.member('mia');
    const res = await gw.gql('mutation { setPresence(input: { presence: ONLINE }) { presence lastSeenAt } }', {}, lee.token);
    expect(res.body.data.setPresence.presence).toBe('ONLINE');
    const denied = await gw.gql(`mutation { setPresence(input: { presence: OFFLINE, userId: "${toGlobalId('User', lee.id)}" }) { id: databaseId } }`, {}, other.token);
    expect(denied.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('loaders', () => {
  test('a page of users with roles, packages and content counts costs the same statements for 5 users as for 25', async () => {
    for (let n = 0; n < 25; n++) await gw.member(`crowd${n}`);
    const statementsFor = async (pageSize: number) => {
      const before = gw.queries.length;
      const { body } = await gw.gql(`{ users(first: ${pageSize}) { nodes { id: databaseId role { name } package { name } postCount commentCount replyCount } } }`, {}, adminToken);
      expect(body.data.users.nodes).toHaveLength(pageSize);
      return gw.queries.length - before;
    };
    const small = await statementsFor(5);
    const large = await statementsFor(25);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});
