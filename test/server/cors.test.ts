/**
 * CORS over real HTTP (CORS_ORIGINS, src/http/cors.ts): which origins get a grant on /graphql and on
 * the legacy /api routes, what preflights answer, and that the cookie-signed browser pages get none.
 * test/server/cors.browser.test.ts shows the same from real Chromium.
 */
import http from 'node:http';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';

const APP = 'http://localhost:5173';

/** A browser's preflight: OPTIONS with Origin and the method and headers the real request will use. */
function preflight(gw: TestGateway, path: string, origin: string, method = 'POST', headers = 'authorization,content-type') {
  return fetch(`${gw.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

function list(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

describe('with CORS_ORIGINS set', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ CORS_ORIGINS: `${APP}, https://*.example.com` });
  });
  afterAll(() => gw?.close());

  test('a preflight for /graphql from a listed origin is granted: methods, headers, max age, no credentials', async () => {
    const res = await preflight(gw, '/graphql', APP, 'POST', 'authorization,content-type,apollo-require-preflight');
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list(res.headers.get('access-control-allow-methods'))).toEqual(['get', 'post']);
    expect(list(res.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['accept', 'content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id']),
    );
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(list(res.headers.get('vary'))).toContain('origin');
  });

  test('a "*." pattern grants any one label before its domain, and nothing else', async () => {
    const granted = async (origin: string) => (await preflight(gw, '/graphql', origin)).headers.get('access-control-allow-origin');
    expect(await granted('https://app.example.com')).toBe('https://app.example.com');
    for (const origin of ['https://example.com', 'https://a.b.example.com', 'http://app.example.com', 'https://app.example.com.evil.test', 'https://appexample.com']) {
      expect(await granted(origin)).toBeNull();
    }
  });

  test('an origin not on the list gets its preflight answered without a grant: no CSRF error, no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.test', 'http://127.0.0.1:5173', 'http://localhost:5174']) {
      const res = await preflight(gw, '/graphql', origin);
      expect(res.status).toBeLessThan(300);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  test('answers to a listed origin carry the grant and expose x-request-id and retry-after; others carry none', async () => {
    const post = (origin: string) => fetch(`${gw.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    const allowed = await post(APP);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP);
    expect(list(allowed.headers.get('access-control-expose-headers'))).toEqual(expect.arrayContaining(['x-request-id', 'retry-after']));
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(list(allowed.headers.get('vary'))).toContain('origin');
    const other = await post('https://evil.test');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the legacy routes (/api/…, /api/v1/…) answer preflights too, with the legacy methods', async () => {
    const member = await gw.member('corsy');
    for (const path of ['/api/chats', '/api/chats/1/messages', '/api/v1/roles', '/api/get-site-settings']) {
      const res = await preflight(gw, path, APP, 'DELETE');
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(list(res.headers.get('access-control-allow-methods'))).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    }
    const chats = await gw.http('GET', '/api/chats', { headers: { origin: APP, authorization: `Bearer ${member.token}` } });
    expect(chats.status).toBe(200);
    expect(chats.body.status).toBe('success');
    expect(chats.headers.get('access-control-allow-origin')).toBe(APP);
    const basic = `Basic ${Buffer.from(`app:${ADMIN_API_KEY}`).toString('base64')}`;
    const roles = await gw.http('GET', '/api/v1/roles', { headers: { origin: APP, authorization: basic } });
    expect(roles.status).toBe(200);
    expect(roles.headers.get('access-control-allow-origin')).toBe(APP);
  });

  test('the cookie-signed browser pages (/get_news_feed, /api/set-browser-cookie) and other paths get no grant', async () => {
    for (const path of ['/get_news_feed', '/api/set-browser-cookie', '/api/set-browser-cookie/', '/api/set-browser-cooki%65', '/healthz', '/graphiql']) {
      const pre = await preflight(gw, path, APP, 'GET');
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
      const get = await fetch(`${gw.url}${path}`, { headers: { origin: APP }, redirect: 'manual' });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  test('a raw "#" in the request target, where the router ends the path, does not move a cookie page out from under the rule', async () => {
    // fetch drops a fragment before sending: a raw request sends the target as written.
    const { port } = new URL(gw.url);
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/api/set-browser-cookie#x', headers: { origin: APP }, agent: false }, (res) => resolve(res.resume())).on('error', reject);
    });
    expect(answer.statusCode).toBe(200); // the cookie page itself answered
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

test('without CORS_ORIGINS no origin gets a grant, and a preflight is answered rather than refused as CSRF', async () => {
  const gw = await startTestGateway();
  try {
    const res = await preflight(gw, '/graphql', APP);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const api = await preflight(gw, '/api/chats', APP, 'GET');
    expect(api.status).toBeLessThan(300);
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  } finally {
    await gw.close();
  }
});

test('CORS_ORIGINS=* grants every origin with "*" (never with credentials)', async () => {
  const gw = await startTestGateway({ CORS_ORIGINS: '*' });
  try {
    const res = await preflight(gw, '/graphql', 'https://anything.test');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const feed = await preflight(gw, '/get_news_feed', 'https://anything.test', 'GET');
    expect(feed.headers.get('access-control-allow-origin')).toBeNull();
  } finally {
    await gw.close();
  }
});

test('preflights count against the per-address rate limit; a refusal past it still carries the grant, so the app can read Retry-After', async () => {
  const gw = await startTestGateway({ CORS_ORIGINS: APP, RATE_LIMIT_PER_IP: '3' });
  try {
    for (let i = 0; i < 3; i++) expect((await preflight(gw, '/graphql', APP)).status).toBeLessThan(300);
    const flooded = await preflight(gw, '/graphql', APP);
    expect(flooded.status).toBe(429);
    const over = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { origin: APP, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(over.status).toBe(429);
    expect(over.headers.get('access-control-allow-origin')).toBe(APP);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(list(over.headers.get('access-control-expose-headers'))).toContain('retry-after');
  } finally {
    await gw.close();
  }
});
