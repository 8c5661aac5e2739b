import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseGlobalId, toGlobalId } from '../../src/graphql/node';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, makeAdmin, newMembers, ok, type Member } from '../support/graphql';
import { closeGateway, openSocket, runOver } from '../support/ws';
import { pendingRows, postUpload, SEND_MEDIA, UPDATE_AVATAR } from './support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

/** Uploads `data` as `member` and returns the answer's body. */
async function upload(member: Member, filename: string, data: Buffer): Promise<{ id: string; url: string; kind: string }> {
  const response = await postUpload(gw, member.token, filename, data);
  expect(response.status).toBe(201);
  return response.body;
}

const isPending = async (id: string) => (await pendingRows(gw)).some((row) => row.id === parseGlobalId(id)!.id);
const avatarOf = async (member: Member) => ok(await gw.gql('{ viewer { avatar } }', {}, member.token)).viewer.avatar;
const mediaFileCount = async (url: string) =>
  (
    await gw.app.database.db
      .selectFrom('media_files')
      .select('id')
      .where('path', '=', url.replace(/^.*\/uploads\//, ''))
      .execute()
  ).length;

test('updateProfile over HTTP takes an upload id: the avatar URL serves the uploaded bytes, the upload is claimed and recorded', async () => {
  const [alice] = await newMembers(gw, 1, 'cl');
  const uploaded = await upload(alice, 'me.png', SAMPLES.png);
  const updated = ok(await gw.gql(UPDATE_AVATAR, { id: uploaded.id }, alice.token)).updateProfile;
  expect(updated.avatar).toBe(uploaded.url);
  expect(await avatarOf(alice)).toBe(uploaded.url);
  const served = await fetch(`${gw.url}${uploaded.url}`);
  expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.png);
  expect(await isPending(uploaded.id)).toBe(false);
  expect(await mediaFileCount(uploaded.url)).toBe(1);
});

test('a literal upload id in the document works too', async () => {
  const [bob] = await newMembers(gw, 1, 'cl');
  const uploaded = await upload(bob, 'me.gif', SAMPLES.gif);
  const updated = ok(await gw.gql(`mutation { updateProfile(input: { coverFile: "${uploaded.id}" }) { cover } }`, {}, bob.token)).updateProfile;
  expect(updated.cover).toBe(uploaded.url);
});

test('the same mutation over graphql-ws (the WebSocket door) claims an upload', async () => {
  const [carol] = await newMembers(gw, 1, 'cl');
  const uploaded = await upload(carol, 'me.jpg', SAMPLES.jpg);
  const socket = await openSocket(gw, carol.token);
  const result = await runOver(socket.client, UPDATE_AVATAR, { id: uploaded.id });
  expect(result.errors).toBeUndefined();
  expect(result.data.updateProfile.avatar).toBe(uploaded.url);
  expect(await avatarOf(carol)).toBe(uploaded.url);
  expect(await isPending(uploaded.id)).toBe(false);
  // Claimed once: the socket cannot use it again either.
  const again = await runOver(socket.client, UPDATE_AVATAR, { id: uploaded.id });
  expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'avatarFile' });
});

test('sendMessage takes an uploaded image or video as media', async () => {
  const [dave, erin] = await newMembers(gw, 2, 'cl');
  const image = await upload(dave, 'pic.png', SAMPLES.png);
  const sent = ok(await gw.gql(SEND_MEDIA, { input: { toUserId: toGlobalId('User', erin.id), media: image.id } }, dave.token)).sendMessage;
  expect(sent).toEqual({ mediaUrl: image.url, mediaType: 'IMAGE' });
  expect(await isPending(image.id)).toBe(false);
  expect(await mediaFileCount(image.url)).toBe(1);
});

test("another user's upload id, an unknown one and a claimed one are refused naming the field, nothing changed", async () => {
  const [frank, grace] = await newMembers(gw, 2, 'cl');
  const franks = await upload(frank, 'f.png', SAMPLES.png);
  for (const id of [franks.id, toGlobalId('Upload', 2_000_000_000)]) {
    const refused = await gw.gql(UPDATE_AVATAR, { id }, grace.token);
    expect(code(refused)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors[0].extensions.field).toBe('avatarFile');
    expect(refused.body.errors[0].message).toMatch(/avatarFile is not an upload of yours/);
  }
  expect(await avatarOf(grace)).toBeNull();
  expect(await isPending(franks.id)).toBe(true);
  // Frank's own upload still works for Frank, once.
  expect(ok(await gw.gql(UPDATE_AVATAR, { id: franks.id }, frank.token)).updateProfile.avatar).toBe(franks.url);
  const messages = await gw.count('messages');
  const reused = await gw.gql(SEND_MEDIA, { input: { toUserId: toGlobalId('User', grace.id), media: franks.id } }, frank.token);
  expect(code(reused)).toBe('BAD_USER_INPUT');
  expect(reused.body.errors[0].extensions.field).toBe('media');
  expect(await gw.count('messages')).toBe(messages);
  expect(await mediaFileCount(franks.url)).toBe(1);
});

test('an expired upload is refused', async () => {
  const [hank] = await newMembers(gw, 1, 'cl');
  const uploaded = await upload(hank, 'h.png', SAMPLES.png);
  await gw.app.database.db
    .updateTable('pending_uploads')
    .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
    .where('id', '=', parseGlobalId(uploaded.id)!.id)
    .execute();
  expect(code(await gw.gql(UPDATE_AVATAR, { id: uploaded.id }, hank.token))).toBe('BAD_USER_INPUT');
  expect(await avatarOf(hank)).toBeNull();
});

test('a video for an avatar is refused ("must be an image") and stays claimable for a chat message', async () => {
  const [ivy, jack] = await newMembers(gw, 2, 'cl');
  const video = await upload(ivy, 'clip.mp4', SAMPLES.mp4);
  expect(video.kind).toBe('video');
  const refused = await gw.gql(UPDATE_AVATAR, { id: video.id }, ivy.token);
  expect(refused.body.errors[0]).toMatchObject({ message: 'avatarFile must be an image', extensions: { code: 'BAD_USER_INPUT', field: 'avatarFile' } });
  expect(await avatarOf(ivy)).toBeNull();
  expect(await isPending(video.id)).toBe(true);
  expect(existsSync(join(gw.uploadDir, video.url.replace('/uploads/', '')))).toBe(true);
  const sent = ok(await gw.gql(SEND_MEDIA, { input: { toUserId: toGlobalId('User', jack.id), media: video.id } }, ivy.token)).sendMessage;
  expect(sent).toEqual({ mediaUrl: video.url, mediaType: 'VIDEO' });
});

test('a mutation that fails after taking the upload (a wrong current password) leaves it claimable and its file in place', async () => {
  const [kate] = await newMembers(gw, 1, 'cl');
  const uploaded = await upload(kate, 'k.png', SAMPLES.png);
  const failed = await gw.gql(
    'mutation($id: Upload!) { updateProfile(input: { avatarFile: $id, newPassword: "another-password-1", currentPassword: "wrong-password" }) { avatar } }',
    { id: uploaded.id },
    kate.token,
  );
  expect(code(failed)).toBe('BAD_USER_INPUT');
  expect(failed.body.errors[0].extensions.field).toBe('currentPassword');
  expect(await avatarOf(kate)).toBeNull();
  expect(await isPending(uploaded.id)).toBe(true);
  expect(await mediaFileCount(uploaded.url)).toBe(0);
  expect((await fetch(`${gw.url}${uploaded.url}`)).status).toBe(200);
  expect(ok(await gw.gql(UPDATE_AVATAR, { id: uploaded.id }, kate.token)).updateProfile.avatar).toBe(uploaded.url);
});

test('one upload used twice in one mutation, or by two concurrent mutations, is claimed once', async () => {
  const [liam, mia] = await newMembers(gw, 2, 'cl');
  const twice = await upload(liam, 'l.png', SAMPLES.png);
  const both = await gw.gql('mutation($id: Upload!) { updateProfile(input: { avatarFile: $id, coverFile: $id }) { avatar } }', { id: twice.id }, liam.token);
  expect(code(both)).toBe('BAD_USER_INPUT');
  expect(await isPending(twice.id)).toBe(true);
  expect(await avatarOf(liam)).toBeNull();

  const raced = await upload(liam, 'r.png', SAMPLES.png);
  const results = await Promise.all([
    gw.gql(UPDATE_AVATAR, { id: raced.id }, liam.token),
    gw.gql(SEND_MEDIA, { input: { toUserId: toGlobalId('User', mia.id), media: raced.id } }, liam.token),
    gw.gql(UPDATE_AVATAR, { id: raced.id }, liam.token),
  ]);
  expect(results.filter((result) => !result.body.errors)).toHaveLength(1);
  expect(results.filter((result) => result.body.errors).map(code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  expect(await isPending(raced.id)).toBe(false);
  expect(await mediaFileCount(raced.url)).toBe(1);
});

test('a malformed upload id is refused as bad input', async () => {
  const [nina] = await newMembers(gw, 1, 'cl');
  const refused = await gw.gql(UPDATE_AVATAR, { id: 'cat.png' }, nina.token);
  expect(code(refused)).toBe('BAD_USER_INPUT');
  expect(refused.body.errors[0].message).toMatch(/\$id.*POST \/uploads/);
});

test('a list of uploads (product images) is claimed together; one video among them refuses the whole product and keeps every upload', async () => {
  const [olga] = await newMembers(gw, 1, 'cl');
  const first = await upload(olga, 'a.png', SAMPLES.png);
  const second = await upload(olga, 'b.jpg', SAMPLES.jpg);
  const video = await upload(olga, 'c.mp4', SAMPLES.mp4);
  const create = 'mutation($i: CreateProductInput!) { createProduct(input: $i) { images { url } } }';
  const product = { title: 'Bike', description: 'A red bike', location: 'Town', price: 100, category: 1, type: 'USED' };
  const products = await gw.count('products');
  const refused = await gw.gql(create, { i: { ...product, images: [first.id, video.id] } }, olga.token);
  expect(refused.body.errors[0]).toMatchObject({ message: 'images must be an image', extensions: { code: 'BAD_USER_INPUT', field: 'images' } });
  expect(await gw.count('products')).toBe(products);
  for (const each of [first, second, video]) expect(await isPending(each.id)).toBe(true);
  const created = ok(await gw.gql(create, { i: { ...product, images: [first.id, second.id] } }, olga.token)).createProduct;
  expect(created.images).toEqual([{ url: first.url }, { url: second.url }]);
  expect(await isPending(first.id)).toBe(false);
  expect(await isPending(second.id)).toBe(false);
  expect(await isPending(video.id)).toBe(true);
});

test("an admin sets another user's avatar with the admin's own upload; the user's upload id is not the admin's to use", async () => {
  const [admin, pat] = await newMembers(gw, 2, 'cl');
  await makeAdmin(gw, admin.id);
  const update = 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { avatar } }';
  const pats = await upload(pat, 'p.png', SAMPLES.png);
  const refused = await gw.gql(update, { i: { userId: toGlobalId('User', pat.id), avatarFile: pats.id } }, admin.token);
  expect(code(refused)).toBe('BAD_USER_INPUT');
  expect(await isPending(pats.id)).toBe(true);
  const admins = await upload(admin, 'a.png', SAMPLES.png);
  const changed = ok(await gw.gql(update, { i: { userId: toGlobalId('User', pat.id), avatarFile: admins.id } }, admin.token)).updateUser;
  expect(changed.avatar).toBe(admins.url);
  expect(await avatarOf(pat)).toBe(admins.url);
  expect(await isPending(admins.id)).toBe(false);
});
