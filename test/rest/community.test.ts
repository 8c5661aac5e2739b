import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
const admin = { authorization: `Basic ${Buffer.from(`backend_app1:${ADMIN_API_KEY}`).toString('base64')}` };

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

function expectError(res: { status: number; body: any }, status: number, name: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ id: expect.any(String), status: name, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), message: expect.any(String) });
}

async function memberKey(username: string) {
  const { token, id } = await gw.member(username);
  const { body } = await gw.gql('mutation { createApiKey(name: "k") { secret } }', {}, token);
  return { id, headers: { authorization: `Basic ${Buffer.from(`app:${body.data.createApiKey.secret}`).toString('base64')}` } };
}

const USER_KEYS = ['user_id', 'sid', 'msid', 'username', 'first_name', 'email', 'role_id', 'is_bot', 'user_status', 'created_at', 'last_modified_at'];

describe('auth', () => {
  test('no credentials or a wrong key answers 403 FORBIDDEN in the community envelope', async () => {
    expectError(await gw.http('GET', '/api/v1/users/me'), 403, 'FORBIDDEN');
    expectError(await gw.http('GET', '/api/v1/users/me', { headers: { authorization: 'Basic eDp5' } }), 403, 'FORBIDDEN');
  });
});

test('GET /users/me returns the caller with only non-null fields', async () => {
  const res = await gw.http('GET', '/api/v1/users/me', { headers: admin });
  expect(res.status).toBe(200);
  for (const key of USER_KEYS) expect(res.body).toHaveProperty(key);
  expect(res.body).toMatchObject({ username: 'admin', role_id: 1, user_status: 10, is_bot: false, msid: `${res.body.user_id}.${res.body.sid}` });
  expect(Object.values(res.body)).not.toContain(null);
  expect(res.body).not.toHaveProperty('middle_name');
});

describe('POST /users', () => {
  test('creates an active member and derives a username from the email', async () => {
    const res = await gw.http('POST', '/api/v1/users', { json: { first_name: 'Ayana', last_name: 'Lee', email: 'ayana@example.com', lang: 'en', timezone: 'UTC' }, headers: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ first_name: 'Ayana', last_name: 'Lee', username: 'ayana', email: 'ayana@example.com', role_id: 4, user_status: 10 });
  });

  test('a missing first_name, a bad email, a duplicate or a member key writes nothing', async () => {
    const before = await gw.count('users');
    expectError(await gw.http('POST', '/api/v1/users', { json: { email: 'x@example.com' }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/users', { json: { first_name: 'X', email: 'nope' }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('POST', '/api/v1/users', { json: { first_name: 'X', email: 'AYANA@example.com' }, headers: admin }), 409, 'CONFLICT');
    const member = await memberKey('plain');
    const afterMember = await gw.count('users');
    expectError(await gw.http('POST', '/api/v1/users', { json: { first_name: 'X', email: 'y@example.com' }, headers: member.headers }), 403, 'FORBIDDEN');
    expect(await gw.count('users')).toBe(afterMember);
    expect(afterMember).toBe(before + 1);
  });
});

describe('GET, PUT and PATCH /users/{msid}', () => {
  test('GET by msid, and by user_id too; an unknown or mismatched msid is 404', async () => {
    const created = (await gw.http('POST', '/api/v1/users', { json: { first_name: 'Bo', email: 'bo@example.com' }, headers: admin })).body;
    const byMsid = await gw.http('GET', `/api/v1/users/${created.msid}`, { headers: admin });
    expect(byMsid.body).toMatchObject({ user_id: created.user_id, login_count: 0, post_count: 0, comment_count: 0, reply_count: 0, meta: {} });
    expect((await gw.http('GET', `/api/v1/users/${created.user_id}`, { headers: admin })).body.msid).toBe(created.msid);
    expectError(await gw.http('GET', `/api/v1/users/${created.user_id}.wrongsid`, { headers: admin }), 404, 'NOT_FOUND');
    expectError(await gw.http('GET', '/api/v1/users/999999', { headers: admin }), 404, 'NOT_FOUND');
  });

  test('PUT updates the profile fields; first_name is required', async () => {
    const created = (await gw.http('POST', '/api/v1/users', { json: { first_name: 'Cy', email: 'cy@example.com' }, headers: admin })).body;
    const res = await gw.http('PUT', `/api/v1/users/${created.msid}`, {
      json: { first_name: 'Cyrus', user_description: '<b>hi</b>', banner: 'https://img.example.com/b.png', social_media_links: { Twitter: 'https://twitter.com/cy' } },
      headers: admin,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ first_name: 'Cyrus', user_description: '<b>hi</b>', banner: 'https://img.example.com/b.png', social_media_links: { Twitter: 'https://twitter.com/cy' } });
    expectError(await gw.http('PUT', `/api/v1/users/${created.msid}`, { json: { last_name: 'X' }, headers: admin }), 400, 'BAD_REQUEST');
    const row = await gw.app.database.db.selectFrom('users').select('last_name').where('id', '=', created.user_id).executeTakeFirstOrThrow();
    expect(row.last_name).toBeNull();
  });

  test('a member may PUT only their own user', async () => {
    const member = await memberKey('dora');
    const mine = (await gw.http('GET', '/api/v1/users/me', { headers: member.headers })).body;
    expect((await gw.http('PUT', `/api/v1/users/${mine.msid}`, { json: { first_name: 'Dora' }, headers: member.headers })).body.first_name).toBe('Dora');
    const adminMe = (await gw.http('GET', '/api/v1/users/me', { headers: admin })).body;
    expectError(await gw.http('PUT', `/api/v1/users/${adminMe.msid}`, { json: { first_name: 'Hacked' }, headers: member.headers }), 403, 'FORBIDDEN');
  });

  test('PATCH action 101 changes the role; other actions and bad data are 400', async () => {
    const created = (await gw.http('POST', '/api/v1/users', { json: { first_name: 'Eve', email: 'eve@example.com' }, headers: admin })).body;
    const res = await gw.http('PATCH', `/api/v1/users/${created.msid}`, { json: { action: 101, data: { role_id: 3 } }, headers: admin });
    expect(res.body.role_id).toBe(3);
    expectError(await gw.http('PATCH', `/api/v1/users/${created.msid}`, { json: { action: 7, data: { role_id: 4 } }, headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('PATCH', `/api/v1/users/${created.msid}`, { json: { action: 101, data: { role_id: 77 } }, headers: admin }), 404, 'NOT_FOUND');
    const row = await gw.app.database.db.selectFrom('users').select('role_id').where('id', '=', created.user_id).executeTakeFirstOrThrow();
    expect(row.role_id).toBe(3);
  });
});

describe('GET /users', () => {
  test('pages with page and page_size, the has_more header, sort_by and order', async () => {
    for (const n of [1, 2, 3]) await gw.http('POST', '/api/v1/users', { json: { first_name: `Zed${n}`, email: `zed${n}@example.com` }, headers: admin });
    const first = await gw.http('GET', '/api/v1/users?page=1&page_size=2&sort_by=user_id&order=asc', { headers: admin });
    expect(first.status).toBe(200);
    expect(first.headers.get('has_more')).toBe('1');
    expect(first.body).toHaveLength(2);
    expect(Object.keys(first.body[0]).sort()).toEqual(['created_at', 'first_name', 'msid', 'role_id', 'sid', 'user_id', 'user_status', 'username']);
    expect(first.body[0].user_id).toBeLessThan(first.body[1].user_id);
    const total = (await gw.http('GET', '/api/v1/users?page_size=50', { headers: admin })).body.length;
    const last = await gw.http('GET', `/api/v1/users?page=${total}&page_size=1`, { headers: admin });
    expect(last.headers.get('has_more')).toBe('0');
    expect((await gw.http('GET', '/api/v1/users?page_size=500', { headers: admin })).body.length).toBeLessThanOrEqual(50);
    const byName = (await gw.http('GET', '/api/v1/users?sort_by=name&order=desc&page_size=50', { headers: admin })).body;
    const names = byName.map((u: { first_name?: string }) => u.first_name ?? '');
    expect(names).toEqual([...names].sort().reverse());
  });

  test('status filters; bad paging or sort values are 400', async () => {
    await gw.gql(
      'mutation { createUser(input: { email: "w1@example.com", status: WAITLIST }) { id: databaseId } }',
      {},
      (await gw.gql('mutation { login(input: { login: "admin", password: "admin-password-1" }) { token } }')).body.data.login.token,
    );
    const waitlist = await gw.http('GET', '/api/v1/users?status=4', { headers: admin });
    expect(waitlist.body.map((u: { user_status: number }) => u.user_status)).toEqual([4]);
    expectError(await gw.http('GET', '/api/v1/users?page=0', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/users?page_size=x', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/users?sort_by=email', { headers: admin }), 400, 'BAD_REQUEST');
    expectError(await gw.http('GET', '/api/v1/users?status=12', { headers: admin }), 400, 'BAD_REQUEST');
  });
});

test('GET /roles lists the roles with the documented keys', async () => {
  const res = await gw.http('GET', '/api/v1/roles', { headers: admin });
  expect(res.body).toContainEqual({ role_id: 3, role_name: 'Moderator', role_details: expect.any(String), is_default: true });
  expect(res.body).toContainEqual({ role_id: 4, role_name: 'Member', role_details: 'Member role with default permissions', is_default: true });
  expectError(await gw.http('GET', '/api/v1/roles'), 403, 'FORBIDDEN');
});
