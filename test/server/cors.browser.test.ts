/// <reference lib="dom" />
/**
 * A browser app on another origin calling the gateway, in real headless Chromium: a page served by
 * a second local server (http://localhost:<port>, the origin CORS_ORIGINS lists) whose script
 * calls /graphql with a Bearer token (a preflighted request), /graphql over GET as urql sends
 * queries, and the chat API's GET /api/chats, and reads the answers. The same page reached as
 * http://127.0.0.1:<port> is another origin, not on the list: its calls reject with TypeError.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, offOrigin, openWatchedPage, startAppServer, type WatchedPage } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';

jest.setTimeout(60_000);

/** The app's script: each call resolves to what the page could read, or to the error fetch threw. */
const APP_SCRIPT = `
async function read(path, init) {
  try {
    const response = await fetch(window.GATEWAY + path, init);
    return { status: response.status, body: await response.json(), requestId: response.headers.get('x-request-id') };
  } catch (error) {
    return { error: error.name + ': ' + error.message };
  }
}
window.viewer = (token) => read('/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
  body: JSON.stringify({ query: '{ viewer { username } }' }),
});
window.rolesOverGet = () => read('/graphql?query=' + encodeURIComponent('{ roles { name } }'));
window.chats = (token) => read('/api/chats', { headers: { authorization: 'Bearer ' + token } });
`;

let browser: Browser;
let appServer: Server;
let gw: TestGateway;
let member: Member;
let appPort: number;
let gatewayOrigin: string;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  appServer = await startAppServer(APP_SCRIPT, () => gatewayOrigin);
  appPort = (appServer.address() as AddressInfo).port;
  gw = await startTestGateway({ CORS_ORIGINS: `http://localhost:${appPort}` });
  gatewayOrigin = gw.url;
  [member] = await newMembers(gw, 1, 'browserapp');
});

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await new Promise((resolve) => appServer?.close(resolve));
});

afterEach(async () => {
  if (!watched) return;
  await watched.context.close();
  // Nothing from a CDN or anywhere else: only the app's own origin and the gateway.
  expect(offOrigin(watched.visited, new URL(watched.page.url()).origin, gatewayOrigin)).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  watched = undefined;
});

async function openApp(origin: string): Promise<Page> {
  watched = await openWatchedPage(browser);
  await watched.page.goto(`${origin}/`);
  await watched.page.waitForFunction(() => typeof (window as any).viewer === 'function');
  return watched.page;
}

/** Requests of `method` to `path` the gateway logged, by the pino request lines. */
function logged(method: string, path: string): number {
  return gw.logLines.filter((line) => line.includes('"incoming request"') && line.includes(`"method":"${method}"`) && line.includes(`"url":"${path}`)).length;
}

test('a page from the listed origin reads /graphql with a Bearer token (preflighted), a GET query, and GET /api/chats', async () => {
  const page = await openApp(`http://localhost:${appPort}`);
  const preflightsBefore = logged('OPTIONS', '/graphql');
  const viewer = await page.evaluate((token) => (window as any).viewer(token), member.token);
  expect(viewer).toEqual({ status: 200, body: { data: { viewer: { username: expect.stringMatching(/^browserapp/) } } }, requestId: expect.any(String) });
  // Chromium asked first (Authorization makes the request non-simple); the answer granted it.
  expect(logged('OPTIONS', '/graphql')).toBe(preflightsBefore + 1);

  const roles = await page.evaluate(() => (window as any).rolesOverGet());
  expect(roles.status).toBe(200);
  expect(roles.body.data.roles.map((role: { name: string }) => role.name)).toContain('Admin');

  const chats = await page.evaluate((token) => (window as any).chats(token), member.token);
  expect(chats).toEqual({ status: 200, body: { status: 'success', data: [] }, requestId: expect.any(String) });
});

test('the same page from an origin not on the list (127.0.0.1 is not localhost) cannot read the gateway: fetch rejects with TypeError', async () => {
  const page = await openApp(`http://127.0.0.1:${appPort}`);
  const [preflightsBefore, postsBefore] = [logged('OPTIONS', '/graphql'), logged('POST', '/graphql')];
  expect(await page.evaluate((token) => (window as any).viewer(token), member.token)).toEqual({ error: expect.stringMatching(/^TypeError: /) });
  // The preflight was answered without a grant, so Chromium never sent the POST.
  expect(logged('OPTIONS', '/graphql')).toBe(preflightsBefore + 1);
  expect(logged('POST', '/graphql')).toBe(postsBefore);
  // A simple GET is sent, but its answer stays unreadable.
  expect(await page.evaluate(() => (window as any).rolesOverGet())).toEqual({ error: expect.stringMatching(/^TypeError: /) });
  expect(await page.evaluate((token) => (window as any).chats(token), member.token)).toEqual({ error: expect.stringMatching(/^TypeError: /) });
});
