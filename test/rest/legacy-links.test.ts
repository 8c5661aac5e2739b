import { request } from 'node:http';
import { SAMPLES } from '../media/samples';
import { ADMIN_API_KEY, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { social, socialMultipart } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';

/** Every link-valued string of a legacy body that is not absolute (http or https). */
function relativeLinks(body: unknown, keys = ['avatar', 'cover', 'url', 'media', 'file', 'thumbnail', 'image', 'user_avatar', 'banner']): string[] {
  if (Array.isArray(body)) return body.flatMap((item) => relativeLinks(item, keys));
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([key, value]) =>
    keys.includes(key) && typeof value === 'string' && value !== '' && !/^https?:\/\//.test(value) ? [`${key}=${value}`] : relativeLinks(value, keys),
  );
}

async function account(gw: TestGateway, username: string) {
  const res = await social(gw, 'create-account', { username, password: 'secret123', confirm_password: 'secret123', email: `${username}@example.com` });
  return { token: res.body.access_token as string, id: Number(res.body.user_id) };
}

describe('with PUBLIC_URL unset, legacy answers carry absolute links', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  test('an uploaded avatar comes back as the address the caller reached, and it is served there', async () => {
    const me = await account(gw, 'pix');
    await socialMultipart(
      gw,
      'update-user-data',
      {},
      [
        ['avatar', 'me.gif', SAMPLES.gif],
        ['cover', 'wide.png', SAMPLES.png],
      ],
      me.token,
    );
    const stored = await gw.app.database.db.selectFrom('users').select(['avatar']).where('id', '=', me.id).executeTakeFirstOrThrow();
    expect(stored.avatar).toMatch(/^\/uploads\//);
    const res = await social(gw, 'get-user-data', { user_id: String(me.id), fetch: 'user_data' }, me.token);
    expect(res.body.user_data.avatar).toBe(`${gw.url}${stored.avatar}`);
    expect(res.body.user_data.cover).toMatch(/^http:\/\/localhost:\d+\/uploads\/.+\.png$/);
    expect((await fetch(res.body.user_data.avatar)).status).toBe(200);
  });

  test('rows stored root-relative come out absolute in every family: user data, pages, groups, chat media, community users', async () => {
    const me = await account(gw, 'oldrows');
    const other = await account(gw, 'oldpeer');
    await gw.app.database.db
      .updateTable('users')
      .set({ avatar: '/uploads/2026/12/0123456789abcdef0123456789abcdef.png', cover: '/uploads/2026/12/c.png' })
      .where('id', 'in', [me.id, other.id])
      .execute();
    const page = await social(gw, 'create-page', { page_name: 'Old_Page', page_title: 'Old page', page_category: 'Music', page_description: 'Old' }, me.token);
    const group = await social(gw, 'create-group', { group_name: 'old_group', group_title: 'Old group', about: 'Old', category: 'Music', privacy: '1' }, me.token);
    const answers = [
      await social(gw, 'get-user-data', { user_id: String(other.id), fetch: 'user_data,followers,following' }, me.token),
      await social(gw, 'get-many-users-data', { user_ids: `${me.id},${other.id}` }, me.token),
      await social(gw, 'get-page-data', { page_id: page.body.page_data?.page_id ?? '0' }, me.token),
      await social(gw, 'get-group-data', { group_id: group.body.group_data?.group_id ?? '0' }, me.token),
      await gw.http('GET', '/api/v1/users/me', { headers: { authorization: `Basic ${Buffer.from(`x:${ADMIN_API_KEY}`).toString('base64')}` } }),
    ];
    expect(page.body.page_data.url).toMatch(/^http:\/\/localhost:\d+\/Old_Page$/);
    expect(group.body.group_data.url).toMatch(/^http:\/\/localhost:\d+\/g\/old_group$/);
    expect(answers[0].body.user_data.avatar).toMatch(/^http:\/\/localhost:\d+\/uploads\/2026\/12\/0123/);
    for (const res of [page, group, ...answers]) expect(relativeLinks(res.body)).toEqual([]);

    const chat = await gw.gql('mutation($ids: [ID!]!) { createGroupChat(input: { title: "pics", userIds: $ids }) { id: databaseId } }', { ids: [toGlobalId('User', other.id)] }, me.token);
    const chatId = chat.body.data.createGroupChat.id;
    const form = new FormData();
    form.set('message', 'a picture');
    form.set('media', new Blob([new Uint8Array(SAMPLES.png)]), 'dot.png');
    const bearer = { authorization: `Bearer ${me.token}` };
    const sent = await gw.http('POST', `/api/chats/${chatId}/media-messages`, { headers: bearer, multipart: form });
    expect(sent.body.data.media).toMatch(/^http:\/\/localhost:\d+\/uploads\/.+\.png$/);
    for (const path of [`/api/chats/${chatId}/messages`, '/api/chats']) {
      const res = await gw.http('GET', path, { headers: bearer });
      expect(res.status).toBe(200);
      expect(relativeLinks(res.body)).toEqual([]);
    }
  });

  test('X-Forwarded-Host and -Proto are believed only from a trusted proxy; a malformed Host is never used', async () => {
    const me = await account(gw, 'proxied');
    await gw.app.database.db.updateTable('users').set({ avatar: '/uploads/a.png' }).where('id', '=', me.id).execute();
    const read = (headers: Record<string, string>) => direct(gw, `get-user-data?access_token=${me.token}`, { user_id: String(me.id), fetch: 'user_data' }, headers);
    const spoofed = await read({ 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(spoofed.body.user_data.avatar).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/a\.png$/);
    const odd = await rawPost(gw, `/api/get-user-data?access_token=${me.token}`, { user_id: String(me.id), fetch: 'user_data' }, 'evil.example/"><x');
    expect(odd.user_data.avatar).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/a\.png$/);
  });
});

/** A social POST straight to the listening address (the test gateway's url is PUBLIC_URL when that is set). */
async function direct(gw: TestGateway, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const { port } = gw.app.gateway.app.server.address() as { port: number };
  const body = new URLSearchParams({ server_key: SERVER_KEY, ...form });
  const res = await fetch(`http://127.0.0.1:${port}/api/${path}`, { method: 'POST', body, headers });
  return { status: res.status, body: await res.json() };
}

/** A social POST over node:http, which sends the Host header as given. */
function rawPost(gw: TestGateway, path: string, form: Record<string, string>, host: string): Promise<any> {
  const { port } = gw.app.gateway.app.server.address() as { port: number };
  const body = new URLSearchParams({ server_key: SERVER_KEY, ...form }).toString();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('behind a trusted proxy, and with PUBLIC_URL', () => {
  test('TRUST_PROXY: the forwarded host and protocol make the links', async () => {
    const gw = await startTestGateway({ TRUST_PROXY: '127.0.0.1' });
    try {
      const me = await account(gw, 'behind');
      await gw.app.database.db.updateTable('users').set({ avatar: '/uploads/a.png' }).where('id', '=', me.id).execute();
      const res = await direct(
        gw,
        `get-user-data?access_token=${me.token}`,
        { user_id: String(me.id), fetch: 'user_data' },
        { 'x-forwarded-host': 'social.example.com', 'x-forwarded-proto': 'https' },
      );
      expect(res.body.user_data.avatar).toBe('https://social.example.com/uploads/a.png');
    } finally {
      await gw.close();
    }
  });

  test('PUBLIC_URL: old root-relative rows and new uploads both start with it', async () => {
    const gw = await startTestGateway({ PUBLIC_URL: 'https://cdn.example.org/' });
    try {
      const made = await direct(gw, 'create-account', { username: 'public', password: 'secret123', confirm_password: 'secret123', email: 'public@example.com' });
      const id = Number(made.body.user_id);
      await gw.app.database.db.updateTable('users').set({ cover: '/uploads/old.png', avatar: 'https://cdn.example.org/uploads/new.gif' }).where('id', '=', id).execute();
      const res = await direct(gw, `get-user-data?access_token=${made.body.access_token}`, { user_id: String(id), fetch: 'user_data' }, { host: 'other.example' });
      expect(res.body.user_data.cover).toBe('https://cdn.example.org/uploads/old.png');
      expect(res.body.user_data.avatar).toBe('https://cdn.example.org/uploads/new.gif');
    } finally {
      await gw.close();
    }
  });

  test('PUBLIC_URL: a webhook payload (the community user shape) carries an old root-relative avatar as an absolute link', async () => {
    const gw = await startTestGateway({ PUBLIC_URL: 'https://cdn.example.org', WEBHOOK_DISPATCH: '0', WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' });
    try {
      const { port } = gw.app.gateway.app.server.address() as { port: number };
      const admin = { authorization: `Basic ${Buffer.from(`hooks:${ADMIN_API_KEY}`).toString('base64')}`, 'content-type': 'application/json' };
      const body = JSON.stringify({ event: 'member.followed', target_url: 'http://127.0.0.1:9/hook' });
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/webhooks`, { method: 'POST', headers: admin, body })).status).toBe(201);
      const signUp = (username: string) => direct(gw, 'create-account', { username, password: 'secret123', confirm_password: 'secret123', email: `${username}@example.com` });
      const [fan, star] = [(await signUp('hookfan')).body, (await signUp('hookstar')).body];
      await gw.app.database.db.updateTable('users').set({ avatar: '/uploads/old-star.png' }).where('id', '=', Number(star.user_id)).execute();
      expect((await direct(gw, `follow-user?access_token=${fan.access_token}`, { user_id: String(star.user_id) })).body.api_status).toBe(200);
      const row = await gw.app.database.db.selectFrom('webhook_events').select('payload').where('event', '=', 'member.followed').executeTakeFirstOrThrow();
      const users = JSON.parse(row.payload).entities.user as { user_id: number; user_avatar: string }[];
      expect(users.find((user) => user.user_id === Number(star.user_id))?.user_avatar).toBe('https://cdn.example.org/uploads/old-star.png');
    } finally {
      await gw.close();
    }
  });
});
