import { sql } from 'kysely';
import { families } from '../../src/rest/families';
import { ADMIN_API_KEY, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

test('GET /healthz answers 200 when the database answers', async () => {
  const res = await gw.http('GET', '/healthz');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok' });
});

describe('GraphQL over HTTP', () => {
  test('POST with application/graphql-response+json answers in that media type', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ roles { id: databaseId } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect((await res.json()).data.roles).toHaveLength(3);
  });

  test('POST with Accept application/json answers application/json', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ roles { id: databaseId } }' }),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('GET runs queries from the query string; mutations over GET are 405', async () => {
    // No preflight header needed: CSRF prevention refuses only simple POSTs (test/server/production.test.ts).
    const headers = { accept: 'application/json' };
    const query = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ roles { name } }')}`, { headers });
    expect(query.status).toBe(200);
    expect((await query.json()).data.roles[0].name).toBe('Admin');
    const mutation = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, { headers });
    expect(mutation.status).toBe(405);
  });

  test('a syntax error is 400 with the graphql-response+json media type; a validation error too', async () => {
    for (const query of ['{ roles {', '{ noSuchField }']) {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].extensions.code).toMatch(/GRAPHQL_(PARSE|VALIDATION)_FAILED/);
    }
  });

  test('an invalid Bearer token is 401 UNAUTHENTICATED; no token is an anonymous viewer', async () => {
    const bad = await gw.gql('{ viewer { id: databaseId } }', {}, 'nope');
    expect(bad.status).toBe(401);
    expect(bad.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gw.gql('{ viewer { id: databaseId } }')).body).toEqual({ data: { viewer: null } });
  });

  test('every response carries a request id, echoing a sane incoming one', async () => {
    const res = await gw.http('GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect((await gw.http('GET', '/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

test('GraphiQL is served at /graphiql and to browsers at /graphql, with its assets from this server', async () => {
  const page = await fetch(`${gw.url}/graphiql`);
  const html = await page.text();
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(sources.length).toBeGreaterThanOrEqual(5);
  for (const source of sources) {
    expect(source.startsWith('/')).toBe(true);
    // Read every body: an unread one keeps its connection busy, and the gateway's close waits for it.
    const asset = await fetch(`${gw.url}${source}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
  }
  const browser = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
  expect(await browser.text()).toContain('graphiql');
  const outside = await fetch(`${gw.url}/graphiql/assets/..%2f..%2fpackage.json`);
  expect(outside.status).toBe(404);
  await outside.arrayBuffer();
});

test('/openapi.json documents every legacy route of every family', async () => {
  const { body } = await gw.http('GET', '/openapi.json');
  expect(body.openapi).toBe('3.1.0');
  let routes = 0;
  for (const family of families) {
    for (const route of family.routes) {
      const path = `${family.prefix}${route.path}`.replace(/:(\w+)/g, '{$1}');
      for (const method of [route.method].flat()) expect(body.paths[path]?.[method.toLowerCase()]).toBeDefined();
      routes++;
    }
  }
  expect(routes).toBeGreaterThanOrEqual(24);
  expect(Object.keys(body.components.securitySchemes)).toEqual(expect.arrayContaining(['communityBasic', 'chatBearer', 'marketingApiKey']));
});

test('passwords, tokens, API keys and the server key never reach the logs', async () => {
  const { token } = await gw.member('logcheck', 'logcheck-pass');
  await gw.http('POST', `/api/get-user-data?access_token=${token}`, { form: { server_key: SERVER_KEY, user_id: '1', fetch: 'user_data' } });
  await gw.http('GET', `/api/get_all_packages?api_key=${ADMIN_API_KEY}`);
  await gw.http('GET', '/api/v1/roles', { headers: { authorization: `Basic ${Buffer.from(`x:${ADMIN_API_KEY}`).toString('base64')}` } });
  await gw.http('POST', '/api/login', { form: { email: 'logcheck@example.com', password: 'logcheck-pass' } });
  const log = gw.logLines.join('\n');
  expect(log).toContain('reqId');
  expect(log).toContain('/api/get_all_packages');
  for (const secret of [token, ADMIN_API_KEY, SERVER_KEY, 'logcheck-pass', Buffer.from(`x:${ADMIN_API_KEY}`).toString('base64')]) {
    expect(log).not.toContain(secret);
  }
});

test('a fault inside an operation is masked for GraphQL and legacy clients and logged with its request id', async () => {
  const broken = await startTestGateway();
  try {
    await sql`alter table roles rename to roles_gone`.execute(broken.app.database.db);
    const legacy = await broken.http('GET', '/api/v1/roles', { headers: { authorization: `Basic ${Buffer.from(`x:${ADMIN_API_KEY}`).toString('base64')}` } });
    expect(legacy.status).toBe(500);
    expect(legacy.body).toMatchObject({ status: 'SERVER_ERROR', message: 'Internal server error' });
    const graphql = await broken.gql('{ roles { id: databaseId } }');
    expect(graphql.body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify([legacy.body, graphql.body])).not.toMatch(/no such table|does not exist/);
    const log = broken.logLines.join('\n');
    expect(log).toMatch(/no such table|does not exist/);
    expect(log).toContain(legacy.headers.get('x-request-id')!);
  } finally {
    await broken.close();
  }
});
