/// <reference lib="dom" />
/**
 * The reference web app (examples/web), built as `npm run example:web` builds it and served on an
 * origin of its own, against a gateway on port 0 that allows that origin and runs only the documents
 * of its manifests (TRUSTED_DOCUMENTS_ONLY=1, the app's manifest), in headless Chromium:
 * signs in, pages the feed with "Load more", writes a post, opens a post with its comments, receives a chat
 * message sent through the chat REST API live over graphql-ws, and uploads an avatar. Nothing is
 * requested off the app's and the gateway's origins, and no script error occurs.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page, Request } from 'playwright-core';
import { buildExampleWeb, EXAMPLE_WEB_MANIFEST, type ExampleWebServer, serveExampleWeb } from '../../scripts/example-web';
import { launchBrowser, offOrigin, openWatchedPage, type WatchedPage } from '../support/browser';
import { REGISTER, startTestGateway, type TestGateway } from '../support/gateway';
import { ok } from '../support/graphql';
import { type TestManifest, writeManifest } from '../support/manifest';
import { sleep, waitFor } from '../support/wait';
import { toGlobalId } from '../../src/graphql/node';

/** The documents the test seeds its data with: a second manifest beside the app's, as a deployment with two clients has. */
const CREATE_POST = 'mutation($input: CreatePostInput!) { createPost(input: $input) { id } }';
const CREATE_COMMENT = 'mutation($input: CreateCommentInput!) { createComment(input: $input) { id } }';
const CREATE_CHAT = 'mutation($ids: [ID!]!) { createGroupChat(input: { title: "Alice and Bob", userIds: $ids }) { id: databaseId } }';
const VIEWER = '{ viewer { id } }';
const AD_HOC = '{ viewer { username } }';

const POSTS = 14; // more than the feed's page of 10
const PASSWORD = 'password123';

jest.setTimeout(120_000);

let browser: Browser;
let app: ExampleWebServer;
let gw: TestGateway;
let manifests: TestManifest;
let watched: WatchedPage;
let page: Page;
let alice: { id: number; token: string };
let bob: { id: number; token: string };
let commentedPostId: string;
let chatId: number;
/** The requests the page sent to the gateway's /graphql: URL and body. */
const graphqlRequests: { url: string; body: string }[] = [];
/** The frames the page received over its sockets. */
const socketFrames: string[] = [];

beforeAll(async () => {
  // codegen + vite build; the type-check is left to `npm run example:web` and CI's typecheck.
  buildExampleWeb({ typecheck: false });
  app = await serveExampleWeb({ gatewayUrl: () => gw.url, port: 0 });
  // Production's mode: only the documents of the manifests run (the app's, and the test's seeding documents).
  manifests = writeManifest([REGISTER, CREATE_POST, CREATE_COMMENT, CREATE_CHAT, VIEWER]);
  copyFileSync(EXAMPLE_WEB_MANIFEST, join(manifests.dir, 'web-app.json'));
  gw = await startTestGateway({ CORS_ORIGINS: app.url, TRUSTED_DOCUMENTS: manifests.dir, TRUSTED_DOCUMENTS_ONLY: '1' });
  browser = await launchBrowser();

  // The data, through the gateway's own doors: accounts, posts, a comment and a chat over GraphQL.
  alice = await gw.member('alice', PASSWORD);
  bob = await gw.member('bob', PASSWORD);
  const ids: string[] = [];
  for (let n = 1; n <= POSTS; n++) {
    const created = ok(await gw.gql(CREATE_POST, { input: { headline: `Post number ${n}`, content: `The text of post ${n}.` } }, alice.token));
    ids.push(created.createPost.id);
  }
  commentedPostId = ids[POSTS - 1];
  ok(await gw.gql(CREATE_COMMENT, { input: { postId: commentedPostId, content: 'A comment from Bob' } }, bob.token));
  const chat = ok(await gw.gql(CREATE_CHAT, { ids: [toGlobalId('User', alice.id)] }, bob.token));
  chatId = chat.createGroupChat.id;

  watched = await openWatchedPage(browser);
  page = watched.page;
  page.on('request', (request: Request) => {
    if (request.url().startsWith(`${gw.url}/graphql`)) graphqlRequests.push({ url: request.url(), body: request.postData() ?? '' });
  });
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => socketFrames.push(String(frame.payload))));
}, 180_000);

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await gw?.close();
  await app?.close();
  manifests?.remove();
});

afterEach(() => {
  expect(offOrigin(watched.visited, app.url, gw.url)).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  // The app sends hashes only, never a document's text.
  expect(graphqlRequests.filter((request) => /[?&]query=[^&]|"query":"[^"]/.test(request.url + request.body))).toEqual([]);
});

test("the gateway runs only the manifests' documents: an ad-hoc one is refused", async () => {
  const { status, body } = await gw.gql(AD_HOC, {}, alice.token);
  expect(status).toBe(400);
  expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
});

test('signs in with the login mutation', async () => {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Username or email').fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Feed' }).waitFor();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
});

test('the feed shows a page of posts, and "Load more" the next page by cursor', async () => {
  const posts = page.getByRole('list', { name: 'Posts' }).getByRole('listitem');
  await waitFor(async () => (await posts.count()) === 10, 10_000, 'the first page');
  expect(await posts.first().getByRole('link').textContent()).toBe(`Post number ${POSTS}`);
  const before = graphqlRequests.length;
  await page.getByRole('button', { name: 'Load more' }).click();
  await waitFor(async () => (await posts.count()) === POSTS, 10_000, 'the second page');
  expect(await posts.last().getByRole('link').textContent()).toBe('Post number 1');
  expect(
    graphqlRequests
      .slice(before)
      .map(variablesOf)
      .filter((variables) => typeof variables.after === 'string'),
  ).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
});

test('a post written in the feed shows on top of it', async () => {
  await page.getByLabel('Write a post').fill('Written in the browser');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const posts = page.getByRole('list', { name: 'Posts' }).getByRole('listitem');
  await waitFor(async () => (await posts.first().getByRole('link').textContent()) === 'Written in the browser', 10_000, 'the new post on top');
  // The refetched feed renders before the mutation's promise resolves and the form clears itself.
  await waitFor(async () => (await page.getByLabel('Write a post').inputValue()) === '', 5_000, 'the form cleared');
});

test('a post page shows the post and its comments', async () => {
  await page.getByRole('link', { name: `Post number ${POSTS}`, exact: true }).click();
  await page.getByRole('heading', { name: `Post number ${POSTS}` }).waitFor();
  expect(page.url()).toContain(encodeURIComponent(commentedPostId));
  await page.getByRole('list', { name: 'Comments' }).getByText('A comment from Bob').waitFor();
});

test('a chat receives a message sent from another account through the chat REST API, live', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chats' }).click();
  await page.getByRole('link', { name: 'Alice and Bob' }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  await messages.waitFor({ state: 'attached' });
  await page.evaluate(() => ((window as any).stillTheSamePage = true));
  const sendAsBob = async (message: string) => {
    const sent = await gw.http('POST', `/api/chats/${chatId}/messages`, { form: { message }, headers: { authorization: `Bearer ${bob.token}` } });
    expect(sent.status).toBe(200);
  };
  // The subscription starts as the chat opens; until the gateway has it, a message passes it by.
  // Bob says hello until one greeting arrives, then the message under test must arrive too.
  const greetings = messages.getByText(/^Hello \d+$/);
  for (let n = 1; (await greetings.count()) === 0; n++) {
    if (n > 30) throw new Error('no live message arrived in the chat');
    await sendAsBob(`Hello ${n}`);
    await sleep(500);
  }
  await sendAsBob('Are you there, Alice?');
  await messages.getByText('Are you there, Alice?').waitFor({ timeout: 5_000 });
  expect(await page.evaluate(() => (window as any).stillTheSamePage)).toBe(true);
  expect(socketFrames.filter((frame) => frame.includes('Are you there, Alice?'))).toHaveLength(1);
});

test('the profile uploads an avatar and shows it', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { name: 'alice' }).waitFor();
  await page.getByLabel('Upload a new avatar').setInputFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: png(16, 16) });
  const avatar = page.getByRole('img', { name: 'Your avatar' });
  await avatar.waitFor();
  await waitFor(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 16), 10_000, 'the avatar to load');
  expect(await avatar.getAttribute('src')).toMatch(new RegExp(`^${gw.url}/`));
});

test('signing out ends the session and forgets the token', async () => {
  const token = await page.evaluate(() => sessionStorage.getItem(sessionStorage.key(0)!));
  expect(ok(await gw.gql(VIEWER, {}, token!)).viewer).toEqual({ id: toGlobalId('User', alice.id) });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  const viewer = await gw.gql(VIEWER, {}, token!);
  expect(viewer.body.data?.viewer ?? null).toBeNull();
});

/** The variables of a GraphQL request, sent as GET (in the URL) or POST (in the JSON body). */
function variablesOf(request: { url: string; body: string }): Record<string, unknown> {
  const inUrl = new URL(request.url).searchParams.get('variables');
  if (inUrl) return JSON.parse(inUrl);
  return request.body ? (JSON.parse(request.body).variables ?? {}) : {};
}

/** A real PNG of `width` × `height` opaque blue pixels. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0x24, 0x50, 0xb2]))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}
