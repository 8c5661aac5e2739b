/**
 * /docs over plain HTTP: the page loads only same-origin files (no inline script), and its assets
 * are exactly the listed swagger-ui-dist files, served with a long cache under their version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestGateway, type TestGateway } from '../support/gateway';

const SWAGGER_UI = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const VERSION: string = JSON.parse(fs.readFileSync(path.join(SWAGGER_UI, 'package.json'), 'utf8')).version;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});

afterAll(async () => {
  await gw?.close();
});

async function get(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(new URL(url, gw.url));
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

test('/docs is an HTML page whose scripts and styles are all files on the gateway', async () => {
  const page = await get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = page.body.toString();
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, inline] of scripts) {
    expect(attributes).toMatch(/ src="\/docs\//);
    expect(inline).toBe('');
  }
  expect(html).not.toMatch(/<style|https?:\/\//);
  const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  expect(urls.sort()).toEqual(['/docs/app.js', `/docs/assets/swagger-ui-bundle.js?v=${VERSION}`, `/docs/assets/swagger-ui.css?v=${VERSION}`]);
});

test('the assets are the installed swagger-ui-dist files, cached for good under their version', async () => {
  for (const [name, type] of [
    ['swagger-ui-bundle.js', 'text/javascript'],
    ['swagger-ui.css', 'text/css'],
  ]) {
    const asset = await get(`/docs/assets/${name}?v=${VERSION}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.body.equals(fs.readFileSync(path.join(SWAGGER_UI, name)))).toBe(true);
  }
  const script = await get('/docs/app.js');
  expect(script.status).toBe(200);
  expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
});

test('nothing else of the package folder is reachable', async () => {
  for (const url of [
    '/docs/assets/package.json',
    '/docs/assets/swagger-ui-bundle.js.map',
    '/docs/assets/index.html',
    '/docs/assets/swagger-initializer.js',
    '/docs/assets/..%2Fpackage.json',
    '/docs/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/docs/assets/constructor',
    '/docs/assets/__proto__',
  ]) {
    const answer = await get(url);
    expect({ url, status: answer.status }).toEqual({ url, status: 404 });
  }
});
