/**
 * POST /uploads and upload ids attacked: concurrency against the per-user bound and against a
 * claim, the sweeper racing a claim, odd Upload values, locked-out and logged-out callers on every
 * door, and legacy clients sending an upload id where a file was expected.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseGlobalId, toGlobalId } from '../../src/graphql/node';
import { MAX_PENDING_UPLOADS } from '../../src/media/upload-post.route';
import { sweepExpiredUploads } from '../../src/media/upload-sweeper';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, newMembers, ok, type Member } from '../support/graphql';
import { hugeBody, postStream } from '../support/multipart-stream';
import { social, socialMultipart } from '../support/social';
import { closeGateway, openSocket, runOver } from '../support/ws';
import { pendingRows, postUpload, UPDATE_AVATAR } from './support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ CORS_ORIGINS: 'https://app.example' });
});
afterAll(() => closeGateway(gw));

async function upload(member: Member, filename = 'a.png', data = SAMPLES.png): Promise<{ id: string; url: string }> {
  const response = await postUpload(gw, member.token, filename, data);
  expect(response.status).toBe(201);
  return response.body;
}

const fileOf = (url: string) => join(gw.uploadDir, url.replace(/^.*\/uploads\//, ''));
const avatarOf = async (member: Member) => ok(await gw.gql('{ viewer { avatar } }', {}, member.token)).viewer.avatar;
const isPending = async (id: string) => (await pendingRows(gw)).some((row) => row.id === parseGlobalId(id)!.id);
const pendingOf = async (member: Member) => (await pendingRows(gw)).filter((row) => row.user_id === member.id).length;

test('concurrent uploads cannot push a user past MAX_PENDING_UPLOADS', async () => {
  const [alice] = await newMembers(gw, 1, 'at');
  const tries = MAX_PENDING_UPLOADS + 10;
  const answers = await Promise.all(Array.from({ length: tries }, (_, i) => postUpload(gw, alice.token, `c${i}.png`, SAMPLES.png)));
  const created = answers.filter((answer) => answer.status === 201).length;
  expect(answers.every((answer) => answer.status === 201 || answer.status === 429)).toBe(true);
  expect(created).toBe(MAX_PENDING_UPLOADS);
  expect(await pendingOf(alice)).toBe(MAX_PENDING_UPLOADS);
});

test('two mutations racing for one upload: exactly one gets it, one media_files row', async () => {
  const [bob, carl] = await newMembers(gw, 2, 'at');
  const uploaded = await upload(bob);
  const sendTo = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { mediaUrl } }';
  const results = await Promise.all([
    gw.gql(UPDATE_AVATAR, { id: uploaded.id }, bob.token),
    gw.gql(sendTo, { input: { toUserId: toGlobalId('User', carl.id), media: uploaded.id } }, bob.token),
    gw.gql(UPDATE_AVATAR, { id: uploaded.id }, bob.token),
  ]);
  expect(results.filter((result) => !result.body.errors).length).toBe(1);
  for (const failed of results.filter((result) => result.body.errors)) expect(code(failed)).toBe('BAD_USER_INPUT');
  const rows = await gw.app.database.db
    .selectFrom('media_files')
    .select('id')
    .where('path', '=', uploaded.url.replace(/^.*\/uploads\//, ''))
    .execute();
  expect(rows).toHaveLength(1);
  expect(await isPending(uploaded.id)).toBe(false);
});

test('one upload id in two slots of one mutation is refused, nothing changed, still claimable', async () => {
  const [dora] = await newMembers(gw, 1, 'at');
  const uploaded = await upload(dora);
  const both = await gw.gql('mutation($id: Upload!) { updateProfile(input: { avatarFile: $id, coverFile: $id }) { avatar } }', { id: uploaded.id }, dora.token);
  expect(code(both)).toBe('BAD_USER_INPUT');
  expect(await avatarOf(dora)).toBeNull();
  expect(await isPending(uploaded.id)).toBe(true);
  expect(existsSync(fileOf(uploaded.url))).toBe(true);
});

test('the sweeper racing a claim never leaves a recorded file missing', async () => {
  const [eve] = await newMembers(gw, 1, 'at');
  for (let round = 0; round < 6; round++) {
    const uploaded = await upload(eve, `r${round}.png`);
    // Due to expire a few ms from now: the claim and the sweep land around the expiry.
    const expiresAt = new Date(Date.now() + 15 + round * 5).toISOString();
    await gw.app.database.db.updateTable('pending_uploads').set({ expires_at: expiresAt }).where('id', '=', parseGlobalId(uploaded.id)!.id).execute();
    const [claim] = await Promise.all([
      gw.gql(UPDATE_AVATAR, { id: uploaded.id }, eve.token),
      new Promise((resolve) => setTimeout(resolve, 15)).then(() => sweepExpiredUploads(gw.app.gateway.services)),
    ]);
    await sweepExpiredUploads(gw.app.gateway.services);
    const recorded = await gw.app.database.db.selectFrom('media_files').select('path').where('user_id', '=', eve.id).execute();
    for (const row of recorded) expect(existsSync(join(gw.uploadDir, row.path))).toBe(true);
    if (claim.body.errors) expect(code(claim)).toBe('BAD_USER_INPUT');
    else expect(existsSync(fileOf(uploaded.url))).toBe(true);
  }
});

test('odd Upload values are refused as bad input, never a server error', async () => {
  const [fred] = await newMembers(gw, 1, 'at');
  const values: unknown[] = [
    0,
    -1,
    1.5,
    2 ** 53,
    true,
    {},
    { id: 1 },
    [toGlobalId('Upload', 1)],
    '',
    'x'.repeat(10_000),
    toGlobalId('User', fred.id),
    toGlobalId('Upload', -1),
    toGlobalId('Upload', 0),
    toGlobalId('Upload', 2_147_483_647),
    Buffer.from('Upload:99999999999999').toString('base64url'),
    Buffer.from('Upload:1 ').toString('base64url'),
  ];
  for (const value of values) {
    const answer = await gw.gql(UPDATE_AVATAR, { id: value }, fred.token);
    expect(answer.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  }
  for (const literal of ['1', '-1', '{ id: 1 }', `["${toGlobalId('Upload', 1)}"]`, 'null', 'UPLOAD']) {
    const answer = await gw.gql(`mutation { updateProfile(input: { avatarFile: ${literal} }) { avatar } }`, {}, fred.token);
    if (literal === 'null') expect(answer.body.errors).toBeUndefined();
    else expect(answer.body.errors?.[0].extensions.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
  }
  expect(await avatarOf(fred)).toBeNull();
});

test('node and nodes do not resolve an upload id: no path, owner or URL leaks', async () => {
  const [gina] = await newMembers(gw, 1, 'at');
  const uploaded = await upload(gina);
  for (const token of [gina.token, undefined]) {
    const answer = await gw.gql('query($id: ID!) { node(id: $id) { id __typename } nodes(ids: [$id]) { id } }', { id: uploaded.id }, token);
    expect(JSON.stringify(answer.body)).not.toContain(uploaded.url.replace(/^.*\/uploads\//, ''));
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data?.node ?? null).toBeNull();
  }
});

test('a banned user, a logged-out token and a logged-out socket can neither upload nor claim', async () => {
  const [hugo, ines] = await newMembers(gw, 2, 'at');
  const hugos = await upload(hugo);
  const socket = await openSocket(gw, ines.token);
  const ineses = await upload(ines);
  ok(await gw.gql('mutation { logout }', {}, ines.token));
  expect((await postUpload(gw, ines.token, 'x.png', SAMPLES.png)).status).toBe(401);
  expect(code(await gw.gql(UPDATE_AVATAR, { id: ineses.id }, ines.token))).toBe('UNAUTHENTICATED');
  const overSocket = await runOver(socket.client, UPDATE_AVATAR, { id: ineses.id }).catch((error: unknown) => ({ errors: [error] }));
  expect(overSocket.data?.updateProfile).toBeFalsy();
  expect(await isPending(ineses.id)).toBe(true);

  await gw.app.database.db.updateTable('users').set({ user_status: -3 }).where('id', '=', hugo.id).execute();
  expect((await postUpload(gw, hugo.token, 'y.png', SAMPLES.png)).status).toBe(401);
  expect(code(await gw.gql(UPDATE_AVATAR, { id: hugos.id }, hugo.token))).toBe('UNAUTHENTICATED');
  expect(await isPending(hugos.id)).toBe(true);
});

test('POST /uploads from an unlisted origin gets no CORS grant; a listed one does', async () => {
  const preflight = (origin: string) =>
    fetch(`${gw.url}/uploads`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
  expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  expect((await preflight('https://app.example')).headers.get('access-control-allow-origin')).toBe('https://app.example');
  expect((await preflight('https://app.example')).headers.get('access-control-allow-credentials')).toBeNull();
});

test('a legacy client sending an upload id as text where a file goes claims nothing, and is answered in its own parameter names', async () => {
  const [jade] = await newMembers(gw, 1, 'at');
  const uploaded = await upload(jade);
  // Social update-user-data: avatar text is an image URL, as it always was.
  const res = await social(gw, 'update-user-data', { avatar: uploaded.id }, jade.token);
  expect(res.status).toBe(200);
  expect(await avatarOf(jade)).not.toBe(uploaded.url);
  // Every other legacy file parameter, given the id as text: never claimed, never in the new path's words.
  const asText: [string, Record<string, string>][] = [
    ['create-story', { file: uploaded.id }],
    ['send-message', { user_id: String(jade.id), text: 'hi', file: uploaded.id, message_hash_id: '1' }],
    ['create-product', { product_title: 'Lamp', product_description: 'A good lamp', product_location: 'Town', product_price: '5', product_category: '1', product_type: '0', images: uploaded.id }],
    [
      'create-event',
      {
        event_name: 'Party',
        event_location: 'Town',
        event_description: 'A long description',
        event_start_date: '2030-01-01',
        event_end_date: '2030-01-01',
        event_start_time: '10:00',
        event_end_time: '11:00',
        event_cover: uploaded.id,
      },
    ],
    ['update-page-data', { page_id: '1', avatar: uploaded.id }],
    ['update-group-data', { group_id: '1', cover: uploaded.id }],
  ];
  for (const [path, fields] of asText) {
    const answer = await socialMultipart(gw, path, fields, [], jade.token);
    expect(JSON.stringify(answer.body)).not.toMatch(/Upload|POST \/uploads|upload of yours|[a-z]File\b/);
  }
  const chat = await gw.http('POST', '/api/chats/1/media-messages', { form: { message: 'hi', media: uploaded.id }, headers: { authorization: `Bearer ${jade.token}` } });
  expect(JSON.stringify(chat.body)).not.toMatch(/Upload|POST \/uploads|upload of yours/);
  expect(await isPending(uploaded.id)).toBe(true);
  expect(await gw.app.database.db.selectFrom('media_files').select('id').where('user_id', '=', jade.id).execute()).toEqual([]);
});

test('file names with paths, a polyglot under another extension and many text fields', async () => {
  const [kim] = await newMembers(gw, 1, 'at');
  const traversal = await postUpload(gw, kim.token, '../../../etc/evil.png', SAMPLES.png);
  expect(traversal.status).toBe(201);
  expect(traversal.body.url).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[A-Za-z0-9_-]+\.png$/);
  const html = Buffer.concat([SAMPLES.gif, Buffer.from('<html><script>alert(1)</script></html>')]);
  expect((await postUpload(gw, kim.token, 'x.html', html)).status).toBe(400);
  expect((await postUpload(gw, kim.token, 'x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).status).toBe(400);
  expect((await postUpload(gw, kim.token, 'x.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).status).toBe(400);
  const polyglot = await postUpload(gw, kim.token, 'x.png', html);
  expect(polyglot.status).toBe(201);
  expect(polyglot.body.url).toMatch(/\.gif$/);
  const served = await fetch(`${gw.url}${polyglot.body.url}`);
  expect(served.headers.get('content-type')).toBe('image/gif');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  const form = new FormData();
  for (let i = 0; i < 2000; i++) form.append(`f${i}`, 'x');
  form.append('file', new Blob([new Uint8Array(SAMPLES.png)]), 'z.png');
  const many = await gw.http('POST', '/uploads', { multipart: form, headers: { authorization: `Bearer ${kim.token}` } });
  expect(many.status).toBe(413);
});

test('chunked bodies: an oversize file is refused 413, and so is text past the text budget (1 MB) riding on the file budget; nothing kept', async () => {
  const [lena] = await newMembers(gw, 1, 'at');
  const headers = { authorization: `Bearer ${lena.token}` };
  for (const body of [hugeBody(0, 1, 12, 'file'), hugeBody(3, 1, 0, 'file')]) {
    const answer = await postStream(gw.url, '/uploads', body, headers);
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 413, body: { statusCode: 413, error: 'Payload Too Large', message: expect.any(String) } });
  }
  expect(await pendingOf(lena)).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(readdirSync(join(gw.uploadDir, '.incoming'))).toEqual([]);
});

test("a pending upload's URL given as text (avatar: url instead of avatarFile: id) is refused: the sweeper would leave the row pointing at nothing", async () => {
  const [mona] = await newMembers(gw, 1, 'at');
  const uploaded = await upload(mona);
  const refused = await gw.gql('mutation($url: String!) { updateProfile(input: { avatar: $url }) { avatar } }', { url: uploaded.url }, mona.token);
  expect(code(refused)).toBe('BAD_USER_INPUT');
  expect(refused.body.errors[0].extensions.field).toBe('avatar');
  expect(refused.body.errors[0].message).toMatch(/avatarFile/);
  expect(await avatarOf(mona)).toBeNull();
  // Once claimed, its URL is an ordinary stored file's: usable as text.
  ok(await gw.gql(UPDATE_AVATAR, { id: uploaded.id }, mona.token));
  expect(ok(await gw.gql('mutation($url: String!) { updateProfile(input: { cover: $url }) { cover } }', { url: uploaded.url }, mona.token)).updateProfile.cover).toBe(uploaded.url);
});
