/// <reference lib="dom" />
/**
 * The API reference at /docs in real headless Chromium (test/support/browser.ts): Swagger UI, served
 * from the gateway's own npm assets, renders every legacy family from /openapi.json, and "Try it
 * out" calls the gateway. The page is opened under a name other than localhost, where Swagger UI
 * would otherwise call its online validator, and nothing may leave the gateway's origin; it runs
 * under the gateway's content-security policy with no violation. Rendering the four families takes
 * Chromium seconds, so the tests share one page, each working on operations of its own.
 */
import type { Browser, Page } from 'playwright-core';
import { expectPageHeaders, launchBrowser, offOrigin, openWatchedPage, type PolicyReports, recordPolicyReports, type WatchedPage } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/gateway';

jest.setTimeout(60_000);

/** Not "localhost" nor 127.0.0.1: Swagger UI skips its online validator on those by itself. */
const HOST = 'gateway-docs.test';

let gw: TestGateway;
let browser: Browser;
let origin: string;
let watched: WatchedPage | undefined;
let reports: PolicyReports;
let docsHeaders: Record<string, string>;

beforeAll(async () => {
  browser = await launchBrowser({ loopbackNames: [HOST] });
  gw = await startTestGateway();
  origin = `http://${HOST}:${new URL(gw.url).port}`;
});

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await gw?.close();
});

afterEach(() => {
  expect(watched?.visited.length).toBeGreaterThan(0);
  expect(offOrigin(watched?.visited ?? [], origin)).toEqual([]);
  expect(watched?.pageErrors).toEqual([]);
});

/** The /docs page, rendered once for all the tests. */
async function openDocs(): Promise<Page> {
  if (watched) return watched.page;
  watched = await openWatchedPage(browser);
  reports = await recordPolicyReports(watched.page);
  const response = await watched.page.goto(`${origin}/docs`);
  docsHeaders = response!.headers();
  await watched.page.waitForSelector('.opblock-tag-section');
  return watched.page;
}

/** The operation block of `method path` in the family `tag`, by what the page shows rather than by operationId. */
function operation(page: Page, tag: string, method: string, path: string) {
  return page
    .locator(`.opblock-tag-section:has(h3[data-tag="${tag}"]) .opblock`)
    .filter({ has: page.locator(`.opblock-summary-method:text-is("${method}")`) })
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) });
}

test('/docs lists the four legacy families from /openapi.json', async () => {
  const page = await openDocs();
  expect(await page.title()).toBe('API reference · gateway');
  const tags = await page.locator('h3.opblock-tag').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-tag')));
  expect(tags).toEqual(expect.arrayContaining(['Social API', 'Community API', 'Chat API', 'Marketing API']));
  expect(watched!.visited).toContain(`${origin}/openapi.json`);
  // Off here by itself (BaseLayout shows no validator badge), and off by setting should that change.
  expect(await page.evaluate(() => (window as any).ui.getConfigs().validatorUrl)).toBeNull();
});

test('expanding an operation shows its parameters and its responses', async () => {
  const page = await openDocs();
  const setStatus = operation(page, 'Chat API', 'POST', '/api/users/{user}/set-status/{status}');
  await setStatus.locator('.opblock-summary-control').click();
  await setStatus.locator('.parameters').waitFor();
  const names = await setStatus.locator('.parameters tr[data-param-name]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-param-name')));
  expect(names).toEqual(expect.arrayContaining(['user', 'status']));
  const codes = await setStatus.locator('.responses-table tr.response').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
  expect(codes).toContain('200');
});

test('"Try it out" on the chat POST /api/login signs in at the gateway and shows its 200 answer', async () => {
  const alice = await gw.member('alice');
  const page = await openDocs();
  const login = operation(page, 'Chat API', 'POST', '/api/login');
  await login.locator('.opblock-summary-control').click();
  await login.locator('button.try-out__btn').click();
  await login.locator('.opblock-section-request-body select').selectOption('application/json');
  await login.locator('textarea.body-param__text').fill(JSON.stringify({ email: alice.email, password: 'password123' }));
  await login.locator('button.execute').click();
  const status = login.locator('.live-responses-table .response .response-col_status');
  await status.waitFor();
  expect((await status.textContent())?.trim()).toBe('200');
  const answer = JSON.parse((await login.locator('.live-responses-table .response-col_description pre.microlight').first().textContent()) ?? '');
  // The token Swagger UI shows is a real session of this gateway.
  const { body } = await gw.gql('{ viewer { username } }', {}, answer.token);
  expect(body.data).toEqual({ viewer: { username: 'alice' } });
});

test("everything above ran under the gateway's content-security policy, with no violation", async () => {
  const page = await openDocs();
  const csp = expectPageHeaders(docsHeaders);
  expect(csp).toContain("script-src 'self'");
  expect(await page.locator('h3.opblock-tag').count()).toBeGreaterThanOrEqual(4);
  await page.waitForTimeout(200); // a violation report is dispatched as a task after the refusal
  expect(reports.violations).toEqual([]);
  // HOST is no origin Chromium trusts (only localhost and 127.0.0.1 are, over HTTP), so it ignores the
  // Cross-Origin-Opener-Policy header and says so; test/server/security-headers.browser.test.ts opens
  // the gateway's pages on 127.0.0.1, where that header holds.
  expect(reports.consoleErrors.filter((error) => !error.startsWith('The Cross-Origin-Opener-Policy header has been ignored'))).toEqual([]);
});
