/// <reference lib="dom" />
/**
 * Drives the gateway's GraphiQL playground in real headless Chromium (Debian's /usr/bin/chromium,
 * test/support/browser.ts): runs a query, passes an Authorization header, streams a
 * subscription over graphql-ws, reads the schema it introspects (Docs pane, autocompletion), and
 * checks that every request stays on the gateway's own origin. GraphiQL takes Chromium seconds to
 * load, so the tests at /graphiql share one page, in the order a person would go: run a query, read
 * the docs, type with completion, sign in through the Headers editor, then subscribe.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, offOrigin, openWatchedPage, type WatchedPage } from '../support/browser';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';

const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const HEADERS_TAB = '.graphiql-editor-tools button[data-name="headers"]';
const HEADER_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror';
// With several operations in the editor the button is a menu trigger (aria-haspopup); it turns into
// a plain run button once GraphiQL has re-parsed the single operation we typed.
const RUN_BUTTON = '.graphiql-execute-button:not([aria-haspopup])';
const RESULT = '.result-window .CodeMirror';
const DOCS_BUTTON = '.graphiql-sidebar button[aria-label="Show Documentation Explorer"]';
const DOC_EXPLORER = '.graphiql-doc-explorer';
/** CodeMirror 5's autocompletion list, which GraphiQL fills from the introspected schema. */
const HINTS = '.CodeMirror-hints li';

jest.setTimeout(60_000);

let gw: TestGateway;
let browser: Browser;
let origin: string; // http://127.0.0.1:<port>
let context: BrowserContext | undefined; // a page of one test's own
let shared: WatchedPage | undefined; // the page at /graphiql the tests share
let visited: string[] = []; // every HTTP and WebSocket URL the current page asked for
let pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  gw = await startTestGateway();
  origin = `http://127.0.0.1:${new URL(gw.url).port}`;
});

afterAll(async () => {
  await shared?.context.close();
  await browser?.close();
  await gw?.close();
});

/** A fresh context (no persisted headers) with a page that records where it sends requests. */
async function openPage(path: string): Promise<Page> {
  const watched = await openWatchedPage(browser);
  context = watched.context;
  visited = watched.visited;
  pageErrors = watched.pageErrors;
  const { page } = watched;
  await page.goto(`${origin}${path}`);
  await page.waitForSelector(QUERY_EDITOR);
  return page;
}

/** The shared page at /graphiql, opened by the first test that asks for it. */
async function graphiql(): Promise<Page> {
  if (!shared) {
    shared = await openWatchedPage(browser);
    await shared.page.goto(`${origin}/graphiql`);
    await shared.page.waitForSelector(QUERY_EDITOR);
  }
  visited = shared.visited;
  pageErrors = shared.pageErrors;
  return shared.page;
}

afterEach(async () => {
  await context?.close();
  context = undefined;
  // No CDN and nothing else off-site: only the gateway's own origin, over HTTP or WebSocket.
  expect(visited.length).toBeGreaterThan(0);
  expect(offOrigin(visited, origin)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

/** Types into the CodeMirror editor that `selector` matches, replacing what it held, as a person would. */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  expect(await page.evaluate((sel) => document.querySelector<any>(sel).CodeMirror.getValue(), selector)).toBe(text);
}

async function setAuthorization(page: Page, token: string): Promise<void> {
  if (!(await page.locator(HEADER_EDITOR).isVisible())) await page.click(HEADERS_TAB);
  await setEditor(page, HEADER_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }));
}

/** Clicks run once GraphiQL shows the plain run button for the single operation in the editor. */
async function run(page: Page): Promise<void> {
  // GraphiQL re-parses the editor 100 ms after an edit and the fetcher picks HTTP or WebSocket from that parse (opts.documentAST): wait for it.
  await page.waitForFunction((sel) => {
    const editor = document.querySelector<any>(sel).CodeMirror;
    return editor.documentAST?.loc?.source.body === editor.getValue();
  }, QUERY_EDITOR);
  await page.locator(RUN_BUTTON).click();
}

/** Waits until the result pane parses as JSON satisfying `predicate`, and returns it. */
async function waitForResult(page: Page, predicate: (result: any) => boolean, timeout = 15_000): Promise<any> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await page.evaluate((sel) => document.querySelector<any>(sel)?.CodeMirror.getValue() ?? '', RESULT);
    try {
      const parsed = JSON.parse(last);
      if (predicate(parsed)) return parsed;
    } catch {
      // empty or still rendering
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`result pane never matched; last contents: ${last || '(empty)'}`);
}

test('GraphiQL at /graphiql runs a query typed into the editor', async () => {
  const page = await graphiql();
  await setEditor(page, QUERY_EDITOR, '{ __typename }');
  await run(page);
  expect(await waitForResult(page, (r) => r.data !== undefined)).toEqual({ data: { __typename: 'Query' } });
});

/** Opens the Docs pane (unless it is open) and returns its text once GraphiQL has the schema, or could not fetch it. */
async function openDocs(page: Page): Promise<string> {
  const explorer = page.locator(DOC_EXPLORER);
  if (!(await explorer.isVisible())) await page.click(DOCS_BUTTON);
  await explorer.locator('.graphiql-doc-explorer-root-type, .graphiql-doc-explorer-error').first().waitFor({ timeout: 15_000 });
  return explorer.innerText();
}

test('the Docs pane lists the root types GraphiQL introspected', async () => {
  const page = await graphiql();
  const docs = await openDocs(page);
  expect(docs).not.toContain('Error fetching schema');
  for (const [operation, type] of [
    ['query', 'Query'],
    ['mutation', 'Mutation'],
    ['subscription', 'Subscription'],
  ]) {
    expect(docs).toContain(`${operation}: ${type}`);
  }
});

test('the query editor offers fields of the schema as you type', async () => {
  const page = await graphiql();
  expect(await openDocs(page)).not.toContain('Error fetching schema'); // the schema has arrived
  await page.click(QUERY_EDITOR);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('{ vie');
  await page.locator(HINTS).first().waitFor({ timeout: 10_000 });
  expect(await page.locator(HINTS).allInnerTexts()).toContain('viewer');
  await page.keyboard.press('Escape'); // the list closed for the tests that follow on this page
});

test('the Headers editor sends Authorization with queries', async () => {
  const alice = await gw.member('alice');
  const page = await graphiql();
  await setAuthorization(page, alice.token);
  await setEditor(page, QUERY_EDITOR, 'query { viewer { username } }');
  await run(page);
  expect(await waitForResult(page, (r) => r.data !== undefined)).toEqual({ data: { viewer: { username: 'alice' } } });
});

test('a subscription streams pushed events into the result pane over graphql-ws', async () => {
  const bob = await gw.member('bob');
  const page = await graphiql();
  await setAuthorization(page, bob.token);
  await setEditor(page, QUERY_EDITOR, `subscription { presenceChanged(userIds: ["${toGlobalId('User', Number(bob.id))}"]) { userId: userDatabaseId presence } }`);
  await run(page);
  // The server registers the subscription a moment after the frame leaves: poke until it is pushed.
  let pushed: any;
  for (let attempt = 0; attempt < 20 && !pushed; attempt++) {
    const { body } = await gw.gql('mutation { setPresence(input: { presence: ONLINE }) { id: databaseId presence } }', {}, bob.token);
    expect(body.errors).toBeUndefined();
    pushed = await waitForResult(page, (r) => r.data?.presenceChanged !== undefined, 500).catch(() => undefined);
  }
  expect(pushed).toEqual({ data: { presenceChanged: { userId: Number(bob.id), presence: 'ONLINE' } } });
});

test('GET /graphql from a browser (Accept: text/html) serves GraphiQL too', async () => {
  const page = await openPage('/graphql');
  expect(await page.title()).toContain('GraphiQL');
  await setEditor(page, QUERY_EDITOR, '{ __typename }');
  await run(page);
  expect(await waitForResult(page, (r) => r.data !== undefined)).toEqual({ data: { __typename: 'Query' } });
});
