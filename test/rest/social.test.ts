import { filesUnder, SAMPLES } from '../media/samples';
import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { expectError, social, socialMultipart } from '../support/social';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function account(username: string) {
  const res = await social(gw, 'create-account', { username, password: 'secret123', confirm_password: 'secret123', email: `${username}@example.com` });
  return { token: res.body.access_token as string, id: Number(res.body.user_id) };
}

describe('server_key and access_token', () => {
  test('a missing or wrong server_key answers api_status "400", as the document says of every error, with error_id 1', async () => {
    expectError(await gw.http('POST', '/api/get-site-settings', { form: {} }), 1, String, '400');
    expectError(await gw.http('POST', '/api/get-site-settings', { form: { server_key: 'wrong-key-wrong-key' } }), 1, String, '400');
  });

  test('a missing or bad access_token answers api_status "400"', async () => {
    expectError(await social(gw, 'get-user-data', { user_id: '1', fetch: 'user_data' }), 2, String);
    expectError(await social(gw, 'get-user-data', { user_id: '1', fetch: 'user_data' }, 'not-a-token'), 2, String);
  });

  test('multipart bodies are accepted too', async () => {
    const res = await socialMultipart(gw, 'get-site-settings', {}, []);
    expect(res.body.api_status).toBe(200);
  });

  test('JSON bodies are accepted as well as form bodies', async () => {
    const res = await gw.http('POST', '/api/get-site-settings', { json: { server_key: SERVER_KEY } });
    expect(res.body.api_status).toBe(200);
  });
});

test('get-site-settings returns the public config and never the server key', async () => {
  const res = await social(gw, 'get-site-settings', {});
  expect(res.body).toEqual({ api_status: 200, config: expect.objectContaining({ site_name: expect.any(String) }) });
  expect(JSON.stringify(res.body)).not.toContain(SERVER_KEY);
});

describe('create-account', () => {
  test('creates the user and returns a token and the user id as a string', async () => {
    const res = await social(gw, 'create-account', { username: 'sam', password: 'secret123', confirm_password: 'secret123', email: 'sam@example.com' });
    expect(res.body).toEqual({ api_status: 200, access_token: expect.any(String), user_id: expect.stringMatching(/^\d+$/) });
    const viewer = await gw.gql('{ viewer { username } }', {}, res.body.access_token);
    expect(viewer.body.data.viewer.username).toBe('sam');
  });

  test('mismatched passwords, a missing field or a taken username write nothing', async () => {
    const before = await gw.count('users');
    expectError(await social(gw, 'create-account', { username: 'tom', password: 'secret123', confirm_password: 'other123', email: 'tom@example.com' }), 3, String);
    expectError(await social(gw, 'create-account', { username: 'tom', password: 'secret123', confirm_password: 'secret123' }), 3, String);
    expectError(await social(gw, 'create-account', { username: 'SAM', password: 'secret123', confirm_password: 'secret123', email: 'x@example.com' }), 6, String);
    expect(await gw.count('users')).toBe(before);
  });
});

describe('auth', () => {
  test('logs in by username with timezone and returns token, user_id, timezone, membership', async () => {
    await account('una');
    const res = await social(gw, 'auth', { username: 'una', password: 'secret123', timezone: 'Asia/Tokyo', device_id: 'dev-1' });
    expect(res.body).toEqual({ api_status: 200, access_token: expect.any(String), user_id: expect.stringMatching(/^\d+$/), timezone: 'Asia/Tokyo', membership: false });
  });

  test('a wrong password or missing username is an error and creates no session', async () => {
    const before = await gw.count('access_tokens');
    expectError(await social(gw, 'auth', { username: 'una', password: 'wrong-one' }), 2, String);
    expectError(await social(gw, 'auth', { password: 'secret123' }), 3, String);
    expect(await gw.count('access_tokens')).toBe(before);
  });
});

test('social-login answers a clear error while no verifier is configured, and checks its input', async () => {
  expectError(await social(gw, 'social-login', { access_token: 'fb-token', provider: 'facebook' }), 8, String);
  expectError(await social(gw, 'social-login', { access_token: 'fb-token', provider: 'myspace' }), 3, String);
  expectError(await social(gw, 'social-login', { access_token: 'g-token', provider: 'google' }), 3, String);
});

test('delete-access-token ends the session; a second call is refused', async () => {
  const { token } = await account('vic');
  expect((await social(gw, 'delete-access-token', {}, token)).body).toEqual({ api_status: 200 });
  expectError(await social(gw, 'delete-access-token', {}, token), 2, String);
});

test('send-reset-password-email records a reset and mails it; a missing email is an error', async () => {
  await account('wendy');
  const before = await gw.count('password_resets');
  expect((await social(gw, 'send-reset-password-email', { email: 'wendy@example.com' })).body).toEqual({ api_status: 200 });
  expect(await gw.count('password_resets')).toBe(before + 1);
  expect(gw.mailer.sent.at(-1)?.to).toBe('wendy@example.com');
  expectError(await social(gw, 'send-reset-password-email', {}), 3, String);
  expect(await gw.count('password_resets')).toBe(before + 1);
});

describe('get-user-data and get-many-users-data', () => {
  test('user_data has the social keys, with ids and flags as strings', async () => {
    const { token, id } = await account('xena');
    const res = await social(gw, 'get-user-data', { user_id: String(id), fetch: 'user_data' }, token);
    expect(res.body.api_status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['api_status', 'user_data']);
    expect(res.body.user_data).toMatchObject({ user_id: String(id), username: 'xena', email: 'xena@example.com', verified: '0', is_pro: '0', active: '1', status: '0' });
    await gw.http('POST', `/api/users/${id}/set-status/online`, { headers: { authorization: `Bearer ${token}` } });
    const online = await social(gw, 'get-user-data', { user_id: String(id), fetch: 'user_data' }, token);
    expect(online.body.user_data.status).toBe('1');
    expect(Number(online.body.user_data.lastseen)).toBeGreaterThan(0);
  });

  test('an unknown user, a bad id or an empty fetch is an error', async () => {
    const { token } = await account('yuri');
    expectError(await social(gw, 'get-user-data', { user_id: '999999', fetch: 'user_data' }, token), 4, String);
    expectError(await social(gw, 'get-user-data', { user_id: 'abc', fetch: 'user_data' }, token), 3, String);
    expectError(await social(gw, 'get-user-data', { user_id: '1', fetch: 'nothing' }, token), 3, String);
  });

  test('get-many-users-data returns the users asked for, in order', async () => {
    const a = await account('zed');
    const b = await account('amy');
    const res = await social(gw, 'get-many-users-data', { user_ids: `${b.id},${a.id}` }, a.token);
    expect(res.body.api_status).toBe(200);
    expect(res.body.users.map((u: { username: string }) => u.username)).toEqual(['amy', 'zed']);
    expectError(await social(gw, 'get-many-users-data', { user_ids: '1,x' }, a.token), 3, String);
  });
});

describe('update-user-data', () => {
  test('updates named and free-form fields and the password in one change', async () => {
    const { token, id } = await account('ben');
    const res = await social(
      gw,
      'update-user-data',
      { first_name: 'Ben', about: 'hi', gender: 'male', twitter: 'https://twitter.com/ben', new_password: 'newpass123', current_password: 'secret123' },
      token,
    );
    expect(res.body).toEqual({ api_status: 200, message: 'Your profile was updated' });
    const row = await gw.app.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ first_name: 'Ben', about: 'hi', gender: 'male' });
    expect((await social(gw, 'auth', { username: 'ben', password: 'newpass123' })).body.api_status).toBe(200);
  });

  /** A multipart update-user-data with the given files. */
  const updateWithFiles = (token: string, files: Record<string, [Buffer, string]>) =>
    socialMultipart(
      gw,
      'update-user-data',
      { first_name: 'Fil' },
      Object.entries(files).map(([field, [bytes, name]]) => [field, name, bytes]),
      token,
    );

  test('avatar and cover uploaded as files are stored, served back and set on the user', async () => {
    const { token, id } = await account('fil');
    const res = await updateWithFiles(token, { avatar: [SAMPLES.gif, 'me.gif'], cover: [SAMPLES.png, 'wide.png'] });
    expect(res.body).toEqual({ api_status: 200, message: 'Your profile was updated' });
    const row = await gw.app.database.db.selectFrom('users').select(['first_name', 'avatar', 'cover']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: 'Fil', avatar: expect.stringMatching(/^\/uploads\/.+\.gif$/), cover: expect.stringMatching(/^\/uploads\/.+\.png$/) });
    const served = await fetch(`${gw.url}${row.avatar}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/gif']);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.gif);
    const files = await gw.app.database.db.selectFrom('media_files').select(['user_id', 'mime_type']).where('user_id', '=', id).orderBy('id').execute();
    expect(files).toEqual([
      { user_id: id, mime_type: 'image/gif' },
      { user_id: id, mime_type: 'image/png' },
    ]);
  });

  test('a video avatar, a disallowed file or a bad cover beside a good avatar changes nothing and leaves no file', async () => {
    const { token, id } = await account('vid');
    const before = { files: filesUnder(gw.uploadDir), rows: await gw.count('media_files') };
    for (const files of [{ avatar: [SAMPLES.mp4, 'clip.mp4'] }, { avatar: [SAMPLES.exe, 'tool.exe'] }, { avatar: [SAMPLES.gif, 'ok.gif'], cover: [SAMPLES.html, 'fake.png'] }] as Record<
      string,
      [Buffer, string]
    >[]) {
      const res = await updateWithFiles(token, files);
      expectError(res, 3, String);
      expect(res.body.errors.error_text).toMatch(/^(avatar|cover) /);
    }
    const row = await gw.app.database.db.selectFrom('users').select(['first_name', 'avatar', 'cover']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: null, avatar: null, cover: null });
    expect({ files: filesUnder(gw.uploadDir), rows: await gw.count('media_files') }).toEqual(before);
  });

  test('a wrong current password changes nothing at all', async () => {
    const { token, id } = await account('cid');
    expectError(await social(gw, 'update-user-data', { first_name: 'Changed', new_password: 'newpass123', current_password: 'wrong-pass' }, token), 3, String);
    expectError(await social(gw, 'update-user-data', { gender: 'robot' }, token), 3, String);
    const row = await gw.app.database.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.first_name).toBeNull();
  });
});

test('delete-user needs the password, then deletes the user', async () => {
  const { token, id } = await account('dan');
  expectError(await social(gw, 'delete-user', { password: 'wrong-pass' }, token), 3, String);
  expect((await social(gw, 'delete-user', { password: 'secret123' }, token)).body).toEqual({ api_status: 200, message: 'User successfully deleted.' });
  const row = await gw.app.database.db.selectFrom('users').select('user_status').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.user_status).toBe(-100);
});
