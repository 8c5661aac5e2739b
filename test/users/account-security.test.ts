import { ADMIN_API_KEY, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../support/gateway';
import { expectError, social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
let adminToken: string;
beforeAll(async () => {
  gw = await startTestGateway();
  adminToken = (await gw.gql(`mutation { login(input: { login: "admin", password: "${ADMIN_PASSWORD}" }) { token } }`)).body.data.login.token;
});
afterAll(() => closeGateway(gw));

const UPDATE_PROFILE = 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id: databaseId email } }';

async function stored(id: number) {
  return gw.app.database.db.selectFrom('users').select(['email', 'avatar', 'cover', 'website', 'social_links', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Runs one operation over a graphql-ws socket signed in with `token`. */
async function overSocket(token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const client = wsClient(gw, { Authorization: `Bearer ${token}` });
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query, variables }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

describe('changing the email needs the current password', () => {
  test('GraphQL updateProfile: missing or wrong currentPassword is BAD_USER_INPUT and writes nothing; the right one changes it', async () => {
    const { id, token } = await gw.member('emailer1', 'right-password-1');
    const before = await stored(id);
    for (const [input, message] of [
      [{ email: 'taken-over@example.com' }, /currentPassword is required/],
      [{ email: 'taken-over@example.com', firstName: 'X', currentPassword: 'not-my-password' }, /current password is incorrect/],
    ] as const) {
      const res = await gw.gql(UPDATE_PROFILE, { i: input }, token);
      expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
      expect(await stored(id)).toEqual(before);
    }
    // The same address again (in another case) is no change and needs nothing.
    expect((await gw.gql(UPDATE_PROFILE, { i: { email: 'EMAILER1@example.com' } }, token)).body.data.updateProfile.id).toBe(id);
    const res = await gw.gql(UPDATE_PROFILE, { i: { email: 'emailer1-new@example.com', currentPassword: 'right-password-1' } }, token);
    expect(res.body.data.updateProfile).toEqual({ id, email: 'emailer1-new@example.com' });
  });

  test('GraphQL over WebSocket: the same rule', async () => {
    const { id, token } = await gw.member('emailer2', 'right-password-2');
    const refused = await overSocket(token, UPDATE_PROFILE, { i: { email: 'ws-taken@example.com' } });
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await stored(id)).email).toBe('emailer2@example.com');
    const done = await overSocket(token, UPDATE_PROFILE, { i: { email: 'ws-new@example.com', currentPassword: 'right-password-2' } });
    expect(done.data.updateProfile.email).toBe('ws-new@example.com');
  });

  test('updateUser on yourself needs it too (admins included); an admin changing another user does not', async () => {
    const member = await gw.member('emailer3', 'right-password-3');
    const updateUser = (id: number, input: Record<string, unknown>, token: string) =>
      gw.gql('mutation($i: UpdateUserInput!) { updateUser(input: $i) { email } }', { i: { userId: toGlobalId('User', id), ...input } }, token);
    expect((await updateUser(member.id, { email: 'self@example.com' }, member.token)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const adminId = (await gw.gql('{ viewer { id: databaseId } }', {}, adminToken)).body.data.viewer.id;
    expect((await updateUser(adminId, { email: 'admin-new@example.com' }, adminToken)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await updateUser(member.id, { email: 'by-admin@example.com' }, adminToken)).body.data.updateUser.email).toBe('by-admin@example.com');
  });

  test('social update-user-data: email without or with a wrong current_password is a 400 in the social envelope, nothing written', async () => {
    const { id, token } = await gw.member('emailer4', 'right-password-4');
    const before = await stored(id);
    const missing = await social(gw, 'update-user-data', { email: 'social-taken@example.com', first_name: 'Eve' }, token);
    expectError(missing, 3, /current_password is required/);
    expect(missing.body.errors.error_text).not.toMatch(/currentPassword/);
    expectError(await social(gw, 'update-user-data', { email: 'social-taken@example.com', current_password: 'nope-nope' }, token), 3, /current password is incorrect/);
    expect(await stored(id)).toEqual(before);
    expect((await social(gw, 'update-user-data', { email: 'social-new@example.com', current_password: 'right-password-4' }, token)).body.api_status).toBe(200);
    expect((await stored(id)).email).toBe('social-new@example.com');
  });
});

describe("guessing the current password spends the account's sign-in budget", () => {
  test('after LOGIN_MAX_FAILURES wrong currentPassword guesses, updateProfile, changePassword and login all wait, even with the right password', async () => {
    const { id, token } = await gw.member('guesser1', 'right-password-5');
    for (let i = 0; i < 10; i++) {
      const res = await gw.gql(UPDATE_PROFILE, { i: { email: 'stolen@example.com', currentPassword: `guess-${i}` } }, token);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const refused = await gw.gql(UPDATE_PROFILE, { i: { email: 'stolen@example.com', currentPassword: 'right-password-5' } }, token);
    expect(refused).toMatchObject({ status: 429, body: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
    const change = await gw.gql('mutation { changePassword(input: { currentPassword: "right-password-5", newPassword: "stolen-pass" }) }', {}, token);
    expect(change.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await gw.gql('mutation { login(input: { login: "guesser1", password: "right-password-5" }) { token } }')).body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await social(gw, 'update-user-data', { email: 'stolen@example.com', current_password: 'right-password-5' }, token)).body.api_status).toBe('429');
    expect((await stored(id)).email).toBe('guesser1@example.com');
  });
});

describe('password reset', () => {
  const request = (email: string) => gw.gql(`mutation { requestPasswordReset(email: "${email}") }`);
  const codeOf = (text: string) => /: (\S+)$/.exec(text)![1];
  const reset = (code: string, password: string) => gw.gql(`mutation { resetPassword(input: { token: "${code}", newPassword: "${password}" }) }`);

  test('at most 3 mails an hour per account; the fourth request answers the same (as for an unknown email) and sends nothing', async () => {
    const { id } = await gw.member('resetter1');
    const mails = () => gw.mailer.sent.filter((mail) => mail.to === 'resetter1@example.com').length;
    const unknown = await request('nobody-reset@example.com');
    for (let i = 0; i < 3; i++) expect(await request('resetter1@example.com')).toEqual(unknown);
    expect(mails()).toBe(3);
    expect(await request('Resetter1@example.com')).toEqual(unknown);
    expect(mails()).toBe(3);
    const rows = await gw.app.database.db.selectFrom('password_resets').select('id').where('user_id', '=', id).execute();
    expect(rows).toHaveLength(3);
  });

  test('the social send-reset-password-email obeys the same budget', async () => {
    await gw.member('resetter2');
    const mails = () => gw.mailer.sent.filter((mail) => mail.to === 'resetter2@example.com').length;
    for (let i = 0; i < 4; i++) expect((await social(gw, 'send-reset-password-email', { email: 'resetter2@example.com' })).body).toEqual({ api_status: 200 });
    expect(mails()).toBe(3);
  });

  test('a new code voids the older ones', async () => {
    await gw.member('resetter3');
    await request('resetter3@example.com');
    const first = codeOf(gw.mailer.sent.at(-1)!.text);
    await request('resetter3@example.com');
    const second = codeOf(gw.mailer.sent.at(-1)!.text);
    expect((await reset(first, 'first-pass-1')).body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/invalid or has expired/) });
    expect((await reset(second, 'second-pass-2')).body.data.resetPassword).toBe(true);
    expect((await gw.gql('mutation { login(input: { login: "resetter3", password: "second-pass-2" }) { token } }')).body.data.login.token).toBeTruthy();
  });

  test('a code expires after an hour', async () => {
    const { id } = await gw.member('resetter4');
    await request('resetter4@example.com');
    const code = codeOf(gw.mailer.sent.at(-1)!.text);
    expect(gw.mailer.sent.at(-1)!.text).toMatch(/within an hour/);
    const row = await gw.app.database.db.selectFrom('password_resets').select(['created_at', 'expires_at']).where('user_id', '=', id).executeTakeFirstOrThrow();
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(3600_000);
    await gw.app.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', id)
      .execute();
    expect((await reset(code, 'late-pass-1')).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('URL fields take only http and https', () => {
  const BAD = ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://files.example.com/a.png', 'vbscript:msgbox(1)'];

  test('GraphQL: avatar, cover, website and social links with another scheme are BAD_USER_INPUT and write nothing; http(s), /uploads/ paths and "" pass', async () => {
    const { id, token } = await gw.member('linker1');
    const before = await stored(id);
    for (const url of BAD) {
      for (const input of [{ avatar: url }, { cover: url }, { website: url }, { socialLinks: { twitter: url } }, { socialLinks: { youtube: url } }]) {
        const res = await gw.gql(UPDATE_PROFILE, { i: { firstName: 'Changed', ...input } }, token);
        expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/must be an http or https URL/) });
      }
    }
    expect(await stored(id)).toEqual(before);
    const good = {
      avatar: '/uploads/2026/12/me.png',
      cover: 'https://img.example.com/c.png',
      website: 'http://localhost:4000/me',
      socialLinks: { twitter: 'https://twitter.com/linker1', facebook: '' },
    };
    expect((await gw.gql(UPDATE_PROFILE, { i: good }, token)).body.errors).toBeUndefined();
    expect(await stored(id)).toMatchObject({ avatar: good.avatar, cover: good.cover, website: good.website });
  });

  test("social update-user-data: the family's 400, nothing written", async () => {
    const { id, token } = await gw.member('linker2');
    const before = await stored(id);
    for (const field of ['avatar', 'cover', 'website', 'facebook', 'instagram']) {
      expectError(await social(gw, 'update-user-data', { first_name: 'Changed', [field]: 'javascript:alert(1)' }, token), 3, new RegExp(`^${field} must be an http or https URL`));
    }
    expect(await stored(id)).toEqual(before);
    expect((await social(gw, 'update-user-data', { website: 'https://linker2.example' }, token)).body.api_status).toBe(200);
  });

  test("community PUT /users/{msid}: the family's 400 naming its own field, nothing written", async () => {
    const admin = { authorization: `Basic ${Buffer.from(`app:${ADMIN_API_KEY}`).toString('base64')}` };
    const created = (await gw.http('POST', '/api/v1/users', { json: { first_name: 'Lin', email: 'linker3@example.com' }, headers: admin })).body;
    const before = await stored(created.user_id);
    for (const [field, message] of [
      [{ user_avatar: 'javascript:alert(1)' }, /^user_avatar must be an http or https URL/],
      [{ banner: 'data:image/png;base64,AAAA' }, /^banner must be an http or https URL/],
      [{ social_media_links: { Twitter: 'javascript:alert(1)' } }, /must be an http or https URL/],
    ] as const) {
      const res = await gw.http('PUT', `/api/v1/users/${created.msid}`, { json: { first_name: 'Changed', ...field }, headers: admin });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 'BAD_REQUEST', message: expect.stringMatching(message) });
    }
    expect(await stored(created.user_id)).toEqual(before);
  });

  test("a page's website too", async () => {
    const { token } = await gw.member('linker4');
    const res = await gw.gql('mutation { createPage(input: { name: "linker_page", title: "Linker", website: "javascript:alert(1)" }) { id: databaseId } }', {}, token);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
