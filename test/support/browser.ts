/// <reference lib="dom" />
/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH), driven
 * by playwright-core. `npm test` installs it first where it can (scripts/ensure-chromium.js).
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function chromiumMissing(): boolean {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
    return false;
  } catch {
    return true;
  }
}

// Checked as a browser suite loads, so that without Chromium each suite fails once, with this one
// line (no stack: there is nothing to debug), rather than every test with a trace of its own.
if (chromiumMissing()) {
  const named = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${CHROMIUM}` : CHROMIUM;
  const error = new Error(`Chromium is missing (${named}): \`npm test\` installs it where it can, or run \`sudo bash .ci/install-chromium.sh\` (Debian's chromium package)`);
  error.stack = error.message;
  throw error;
}

/**
 * Launches headless Chromium (the suite has already failed if it is not installed). Each name in
 * `loopbackNames` resolves to 127.0.0.1, for a page that behaves differently on "localhost".
 */
export async function launchBrowser(options: { loopbackNames?: readonly string[] } = {}): Promise<Browser> {
  const names = options.loopbackNames ?? [];
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(names.length > 0 ? [`--host-resolver-rules=${names.map((name) => `MAP ${name} 127.0.0.1`).join(', ')}`] : []),
    ],
  });
}

/** A page in a fresh context that records every URL it asks for (HTTP and WebSocket) and every script error. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Every HTTP and WebSocket URL the page asked for. */
  visited: string[];
  /** Uncaught errors thrown by the page's scripts. */
  pageErrors: string[];
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const watched: WatchedPage = { page, context, visited: [], pageErrors: [] };
  page.on('request', (request) => watched.visited.push(request.url()));
  page.on('websocket', (socket) => watched.visited.push(socket.url()));
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  return watched;
}

/** The URLs among `visited` that left the given origins (http and the matching ws origin are both allowed). */
export function offOrigin(visited: readonly string[], ...origins: string[]): string[] {
  const allowed = new Set(origins.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]));
  return visited.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && !allowed.has(new URL(url).origin));
}

/**
 * Serves a browser app on a second local server: at `/app.js` its `script`, elsewhere an HTML page
 * that sets `window.GATEWAY` to `gateway()`, loads the script and holds `body`.
 */
export function startAppServer(script: string, gateway: () => string, body: () => string = () => 'app'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>App</title><script>window.GATEWAY = ${JSON.stringify(gateway())};</script><script src="/app.js"></script></head><body>${body()}</body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What a page reported against its content-security policy: violation events and console errors (where Chromium reports refused loads too). */
export interface PolicyReports {
  violations: string[];
  consoleErrors: string[];
}

/** Records `page`'s policy violations and console errors from its next navigation on. */
export async function recordPolicyReports(page: Page): Promise<PolicyReports> {
  const reports: PolicyReports = { violations: [], consoleErrors: [] };
  await page.exposeFunction('reportViolation', (text: string) => reports.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => (window as any).reportViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
  });
  page.on('console', (message) => {
    if (message.type() === 'error') reports.consoleErrors.push(message.text());
  });
  return reports;
}

/** Expects no violation and no console error so far on `page`. */
export async function expectNoPolicyReports(page: Page, reports: PolicyReports): Promise<void> {
  await page.waitForTimeout(200); // a violation report is dispatched as a task after the refusal
  expect(reports.violations).toEqual([]);
  expect(reports.consoleErrors).toEqual([]);
}

/** Expects the headers every HTML page of the gateway carries (src/http/security-headers.ts) and returns its policy. */
export function expectPageHeaders(headers: Record<string, string>): string {
  expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  const csp = headers['content-security-policy'];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  return csp;
}
