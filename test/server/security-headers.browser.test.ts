/// <reference lib="dom" />
/**
 * The security headers of the gateway's HTML pages, in real headless Chromium (test/support/browser.ts):
 * GraphiQL loads, introspects, runs a query and opens a dialog, and the news feed renders with its
 * hashed style, each with no content-security-policy violation and no console error; another origin
 * cannot frame them; JSON, GraphQL and legacy answers get none of the headers. /docs renders under its
 * policy in test/docs/api-docs.browser.test.ts, which renders it anyway.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Response } from 'playwright-core';
import {
  expectNoPolicyReports,
  expectPageHeaders as expectHeaders,
  launchBrowser,
  offOrigin,
  openWatchedPage,
  type PolicyReports,
  recordPolicyReports,
  startAppServer,
  type WatchedPage,
} from '../support/browser';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

const PAGE_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'cross-origin-resource-policy'];

let gw: TestGateway;
let browser: Browser;
let origin: string;
let watched: WatchedPage | undefined;
let reports: PolicyReports;
let framer: Server | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  gw = await startTestGateway();
  origin = `http://127.0.0.1:${new URL(gw.url).port}`;
});

afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await new Promise((resolve) => (framer ? framer.close(resolve) : resolve(undefined)));
});

afterEach(async () => {
  await watched?.context.close();
  expect(offOrigin(watched?.visited ?? [], origin)).toEqual([]);
  expect(watched?.pageErrors ?? []).toEqual([]);
  watched = undefined;
});

/** A page that records policy violations and console errors. */
async function open(): Promise<Page> {
  watched = await openWatchedPage(browser);
  reports = await recordPolicyReports(watched.page);
  return watched.page;
}

function expectPageHeaders(response: Response | null): string {
  return expectHeaders(response!.headers());
}

const expectClean = (page: Page) => expectNoPolicyReports(page, reports);

test('GraphiQL loads, introspects, runs a query and opens its settings dialog under its policy', async () => {
  const page = await open();
  const response = await page.goto(`${origin}/graphiql`);
  const csp = expectPageHeaders(response);
  expect(csp).toMatch(/style-src 'self' 'sha256-[^']+' 'nonce-[^']+'/);
  await page.waitForSelector('.graphiql-query-editor .CodeMirror');
  // Introspection: the Docs pane lists the root types.
  await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
  await page.locator('.graphiql-doc-explorer-root-type').first().waitFor({ timeout: 15_000 });
  expect(await page.locator('.graphiql-doc-explorer').innerText()).toContain('query: Query');
  // A query typed in and run.
  await page.click('.graphiql-query-editor .CodeMirror');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('{ __typename }');
  await page.locator('.graphiql-execute-button:not([aria-haspopup])').click();
  await page.waitForFunction(() => /"__typename": "Query"/.test(document.querySelector<any>('.result-window .CodeMirror')?.CodeMirror.getValue() ?? ''));
  // A dialog: GraphiQL inserts a <style> (scroll locking), allowed by the page's nonce.
  await page.click('.graphiql-sidebar button[aria-label="Open settings dialog"]');
  await page.locator('.graphiql-dialog').waitFor();
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('style')).filter((style) => style.nonce !== '').length)).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expectClean(page);
  // A second answer has a nonce of its own.
  const again = await fetch(`${gw.url}/graphiql`);
  expect(again.headers.get('content-security-policy')).not.toBe(csp);
  expect(again.headers.get('cache-control')).toBe('no-store');
});

test('/graphql asked for by a browser is GraphiQL with the same headers', async () => {
  // The page itself is the one above (test/graphiql/graphiql.browser.test.ts opens it at /graphql too).
  const [atGraphql, atGraphiql] = await Promise.all([fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } }), fetch(`${gw.url}/graphiql`)]);
  expect(atGraphql.headers.get('content-type')).toContain('text/html');
  const headers: Record<string, string> = {};
  atGraphql.headers.forEach((value, name) => (headers[name] = value));
  // Each answer has a nonce of its own (in the policy and in the HTML); all else is the same.
  const withoutNonce = (text: string) => text.replace(/'nonce-[^']+'|nonce="[^"]+"/g, 'nonce');
  expect(withoutNonce(expectHeaders(headers))).toBe(withoutNonce(atGraphiql.headers.get('content-security-policy')!));
  expect(withoutNonce(await atGraphql.text())).toBe(withoutNonce(await atGraphiql.text()));
});

test('the news feed page renders, its inline style applied by hash', async () => {
  const member = await gw.member('header_feed');
  const page = await open();
  await page.goto(`${origin}/api/set-browser-cookie?access_token=${encodeURIComponent(member.token)}`);
  expect(new URL(page.url()).pathname).toBe('/get_news_feed');
  const response = await page.goto(`${origin}/get_news_feed`);
  const csp = expectPageHeaders(response);
  expect(csp).toContain("script-src 'none'");
  expect(await page.locator('h1').innerText()).toBe('News feed');
  expect(await page.locator('.empty').innerText()).toBe('No posts yet.');
  expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('640px');
  await expectClean(page);
});

test('another origin cannot frame the pages; it can frame an answer without the headers', async () => {
  const pages = ['/graphiql', '/docs', '/get_news_feed'];
  framer = await startAppServer(
    '',
    () => origin,
    () => [...pages, '/healthz'].map((path) => `<iframe src="${origin}${path}"></iframe>`).join(''),
  );
  const framerOrigin = `http://127.0.0.1:${(framer.address() as AddressInfo).port}`;
  const page = await open();
  await page.goto(framerOrigin);
  await page.waitForTimeout(1000);
  const frames = page.frames().filter((frame) => frame !== page.mainFrame());
  expect(frames).toHaveLength(4);
  const loaded = async (frame: (typeof frames)[number]) => frame.url().startsWith(origin) && (await frame.evaluate(() => document.body?.innerText ?? '').catch(() => null)) !== null;
  // A refused frame is Chromium's error page: it is not the gateway's document.
  const byPath = Object.fromEntries(await Promise.all(frames.map(async (frame, i) => [[...pages, '/healthz'][i], await loaded(frame)])));
  expect(byPath).toEqual({ '/graphiql': false, '/docs': false, '/get_news_feed': false, '/healthz': true });
  expect(reports.consoleErrors.join('\n')).toMatch(/frame-ancestors/);
  watched!.visited = watched!.visited.filter((url) => !url.startsWith(framerOrigin));
});

test('JSON, GraphQL and legacy answers keep their headers: none of the page headers', async () => {
  const answers = await Promise.all([
    fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }),
    fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`),
    fetch(`${gw.url}/api/get-site-settings`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'server_key=test-server-key-0123456789' }),
    fetch(`${gw.url}/api/v1/users/me`, { headers: { authorization: `Basic ${Buffer.from(`crm:${ADMIN_API_KEY}`).toString('base64')}` } }),
    fetch(`${gw.url}/api/get_user_info?api_key=${ADMIN_API_KEY}`),
    fetch(`${gw.url}/api/chats`),
    fetch(`${gw.url}/api/set-browser-cookie?access_token=nope`, { redirect: 'manual' }),
    fetch(`${gw.url}/openapi.json`),
    fetch(`${gw.url}/healthz`),
  ]);
  for (const answer of answers) {
    expect([answer.url, PAGE_HEADERS.filter((name) => answer.headers.has(name))]).toEqual([answer.url, []]);
  }
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 401, 200, 200, 200]);
});
