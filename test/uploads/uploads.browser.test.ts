/// <reference lib="dom" />
/**
 * The documented browser flow, in real headless Chromium, from an app on another origin that
 * CORS_ORIGINS lists: `fetch(gateway + '/uploads', { method: 'POST', headers: { Authorization },
 * body: formData })` with the file in the part `file`, then `updateProfile(input: { avatarFile: id })`
 * and `viewer { avatar }`, whose URL (relative to the gateway) serves the same bytes. A cross-site HTML form posting a file
 * (it cannot add Authorization; the browser sends the session cookie it may hold) is refused.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { SAMPLES } from '../media/samples';
import { launchBrowser, openWatchedPage, startAppServer, type WatchedPage } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';

jest.setTimeout(60_000);

const APP_SCRIPT = `
window.uploadAvatar = async (token, bytes) => {
  const formData = new FormData();
  formData.append('file', new File([new Uint8Array(bytes)], 'me.png', { type: 'image/png' }));
  const uploaded = await fetch(window.GATEWAY + '/uploads', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: formData });
  const upload = await uploaded.json();
  const gql = (query, variables) => fetch(window.GATEWAY + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify({ query, variables }),
  }).then((response) => response.json());
  const updated = await gql('mutation($id: Upload!) { updateProfile(input: { avatarFile: $id }) { avatar } }', { id: upload.id });
  const viewer = await gql('{ viewer { avatar } }');
  return { status: uploaded.status, upload, updated, avatar: viewer.data.viewer.avatar };
};
`;

let browser: Browser;
let appServer: Server;
let gw: TestGateway;
let member: Member;
let appOrigin: string;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  appServer = await startAppServer(
    APP_SCRIPT,
    () => gw.url,
    () => `<form id="csrf" method="post" enctype="multipart/form-data" action="${gw.url}/uploads"><input type="file" name="file"></form>`,
  );
  appOrigin = `http://localhost:${(appServer.address() as AddressInfo).port}`;
  gw = await startTestGateway({ CORS_ORIGINS: appOrigin });
  [member] = await newMembers(gw, 1, 'browserup');
});

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await new Promise((resolve) => appServer?.close(resolve));
});

afterEach(async () => {
  await watched?.context.close();
  watched = undefined;
});

test('a browser app uploads with fetch + FormData + Bearer, sets it as its avatar, and the avatar URL serves the same bytes', async () => {
  watched = await openWatchedPage(browser);
  await watched.page.goto(`${appOrigin}/`);
  await watched.page.waitForFunction(() => typeof (window as any).uploadAvatar === 'function');
  const result = await watched.page.evaluate(([token, bytes]) => (window as any).uploadAvatar(token, bytes), [member.token, Array.from(SAMPLES.png)] as const);
  expect(result.status).toBe(201);
  expect(result.upload).toMatchObject({ kind: 'image', mimeType: 'image/png', size: SAMPLES.png.length });
  expect(result.updated).toEqual({ data: { updateProfile: { avatar: result.upload.url } } });
  expect(result.avatar).toBe(result.upload.url);
  // The avatar URL is relative to the gateway unless PUBLIC_URL is set; an <img> there needs no CORS.
  const served = await fetch(`${gw.url}${result.avatar}`);
  expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.png);
  expect(watched.pageErrors).toEqual([]);
});

test('a cross-site HTML form posting a file (cookies, no Authorization) is refused 401 and stores nothing', async () => {
  watched = await openWatchedPage(browser);
  await watched.context.addCookies([{ name: 'access_token', value: member.token, url: gw.url }]);
  await watched.page.goto(`${appOrigin}/`);
  const before = await gw.count('pending_uploads');
  await watched.page.setInputFiles('#csrf input', { name: 'x.png', mimeType: 'image/png', buffer: SAMPLES.png });
  const [response] = await Promise.all([watched.page.waitForNavigation(), watched.page.evaluate(() => (document.getElementById('csrf') as HTMLFormElement).submit())]);
  expect(response?.status()).toBe(401);
  expect(await gw.count('pending_uploads')).toBe(before);
});
