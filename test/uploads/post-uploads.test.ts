import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserStatus } from '../../src/domains/users/user-status';
import { parseGlobalId } from '../../src/graphql/node';
import { MAX_PENDING_UPLOADS } from '../../src/media/upload-post.route';
import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { newMembers } from '../support/graphql';
import { fileForm, pendingRows, postUpload } from './support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ UPLOAD_MAX_BYTES: '4096', UPLOAD_CLAIM_TTL: '600', CORS_ORIGINS: 'https://app.example' });
});
afterAll(() => gw.close());

/** The stored files, leaving out the multipart reader's temporary folder. */
const storedFiles = () => filesUnder(gw.uploadDir).filter((path) => !path.startsWith('.incoming'));

test('a signed-in client uploads a file: 201 with an Upload id, its URL serving the bytes, and a pending row it owns', async () => {
  const [alice] = await newMembers(gw, 1, 'up');
  const before = Date.now();
  const response = await postUpload(gw, alice.token, 'cat.png', SAMPLES.png);
  expect(response.status).toBe(201);
  const body = response.body;
  expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'kind', 'mimeType', 'size', 'url']);
  expect(parseGlobalId(body.id)?.type).toBe('Upload');
  expect(body).toMatchObject({ mimeType: 'image/png', size: SAMPLES.png.length, kind: 'image' });
  const ttl = Date.parse(body.expiresAt) - before;
  expect(ttl).toBeGreaterThan(590_000);
  expect(ttl).toBeLessThan(610_000);
  const served = await fetch(`${gw.url}${body.url}`);
  expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.png);
  const rows = (await pendingRows(gw)).filter((row) => row.id === parseGlobalId(body.id)!.id);
  expect(rows).toEqual([expect.objectContaining({ user_id: alice.id, kind: 'image', mime_type: 'image/png', size: SAMPLES.png.length })]);
  expect(body.url).toBe(`/uploads/${rows[0].path}`);
});

test('a video is stored with kind video', async () => {
  const [bob] = await newMembers(gw, 1, 'up');
  const response = await postUpload(gw, bob.token, 'clip.mp4', SAMPLES.mp4);
  expect(response.status).toBe(201);
  expect(response.body).toMatchObject({ kind: 'video', mimeType: 'video/mp4' });
});

test.each([
  ['no Authorization', null],
  ['an unknown token', 'not-a-session-token'],
])('%s: 401 in the plain error shape, nothing stored', async (_case, token) => {
  const rowsBefore = await gw.count('pending_uploads');
  const filesBefore = storedFiles();
  const response = await postUpload(gw, token, 'cat.png', SAMPLES.png);
  expect(response.status).toBe(401);
  expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('Bearer') });
  expect(await gw.count('pending_uploads')).toBe(rowsBefore);
  expect(storedFiles()).toEqual(filesBefore);
});

test('an ended session and a banned user are refused 401, nothing stored', async () => {
  const [ended, banned] = await newMembers(gw, 2, 'up');
  const db = gw.app.database.db;
  await db
    .updateTable('access_tokens')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('user_id', '=', ended.id)
    .execute();
  await db.updateTable('users').set({ user_status: UserStatus.BANNED }).where('id', '=', banned.id).execute();
  const filesBefore = storedFiles();
  for (const member of [ended, banned]) {
    const response = await postUpload(gw, member.token, 'cat.png', SAMPLES.png);
    expect(response.status).toBe(401);
  }
  expect((await pendingRows(gw)).filter((row) => [ended.id, banned.id].includes(row.user_id))).toEqual([]);
  expect(storedFiles()).toEqual(filesBefore);
});

test('a session cookie alone is not a credential here', async () => {
  const [carol] = await newMembers(gw, 1, 'up');
  const response = await gw.http('POST', '/uploads', { multipart: fileForm([['file', 'cat.png', SAMPLES.png]]), headers: { cookie: `access_token=${carol.token}; token=${carol.token}` } });
  expect(response.status).toBe(401);
});

test.each([
  ['a file over UPLOAD_MAX_BYTES', 'big.png', Buffer.concat([SAMPLES.png, Buffer.alloc(8192)]), 413, /larger than the 4 KB limit/],
  ['a disallowed type', 'tool.exe', SAMPLES.exe, 400, /type \.exe is not allowed/],
  ['content that is not what its name says', 'page.png', SAMPLES.html, 400, /not a valid/],
  ['an empty file', 'empty.png', Buffer.alloc(0), 400, /is empty/],
])('%s is refused (%#) with nothing stored', async (_case, filename, data, status, message) => {
  const [dave] = await newMembers(gw, 1, 'up');
  const filesBefore = storedFiles();
  const response = await postUpload(gw, dave.token, filename, data);
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.stringMatching(message) });
  expect((await pendingRows(gw)).filter((row) => row.user_id === dave.id)).toEqual([]);
  expect(storedFiles()).toEqual(filesBefore);
});

test('no file part, a file under another name, or two files are refused', async () => {
  const [erin] = await newMembers(gw, 1, 'up');
  const text = new FormData();
  text.append('note', 'hello');
  const noFile = await gw.http('POST', '/uploads', { multipart: text, headers: { authorization: `Bearer ${erin.token}` } });
  expect(noFile.status).toBe(400);
  expect(noFile.body.message).toMatch(/one part named "file"/);
  const json = await gw.http('POST', '/uploads', { json: { file: 'x' }, headers: { authorization: `Bearer ${erin.token}` } });
  expect(json.status).toBe(400);
  expect((await postUpload(gw, erin.token, 'cat.png', SAMPLES.png, 'avatar')).status).toBe(400);
  const two = fileForm([
    ['file', 'a.png', SAMPLES.png],
    ['file', 'b.png', SAMPLES.png],
  ]);
  const twice = await gw.http('POST', '/uploads', { multipart: two, headers: { authorization: `Bearer ${erin.token}` } });
  expect(twice.status).toBe(413);
  expect((await pendingRows(gw)).filter((row) => row.user_id === erin.id)).toEqual([]);
});

test(`a user has at most ${MAX_PENDING_UPLOADS} uploads waiting; the next is refused 429 and stores nothing`, async () => {
  const [frank, grace] = await newMembers(gw, 2, 'up');
  for (let i = 0; i < MAX_PENDING_UPLOADS; i++) expect((await postUpload(gw, frank.token, `p${i}.gif`, SAMPLES.gif)).status).toBe(201);
  const filesBefore = storedFiles();
  const refused = await postUpload(gw, frank.token, 'one-more.gif', SAMPLES.gif);
  expect(refused.status).toBe(429);
  expect(refused.body.message).toMatch(new RegExp(`${MAX_PENDING_UPLOADS} uploads waiting`));
  expect(storedFiles()).toEqual(filesBefore);
  expect((await pendingRows(gw)).filter((row) => row.user_id === frank.id)).toHaveLength(MAX_PENDING_UPLOADS);
  // Another user is not affected.
  expect((await postUpload(gw, grace.token, 'g.gif', SAMPLES.gif)).status).toBe(201);
});

test('CORS: an allowed origin gets its preflight granted for POST with Authorization, and the answer readable', async () => {
  const preflight = await fetch(`${gw.url}/uploads`, {
    method: 'OPTIONS',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  expect(preflight.status).toBeLessThan(300);
  expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
  expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  const [hank] = await newMembers(gw, 1, 'up');
  const response = await gw.http('POST', '/uploads', { multipart: fileForm([['file', 'cat.png', SAMPLES.png]]), headers: { authorization: `Bearer ${hank.token}`, origin: 'https://app.example' } });
  expect(response.status).toBe(201);
  expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
  const stranger = await fetch(`${gw.url}/uploads`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  // The stored file is still served by GET /uploads/<path>.
  expect((await fetch(`${gw.url}${response.body.url}`)).status).toBe(200);
  expect(existsSync(join(gw.uploadDir, response.body.url.replace('/uploads/', '')))).toBe(true);
});
