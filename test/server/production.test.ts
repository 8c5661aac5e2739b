/**
 * Production mode (NODE_ENV=production) against the default development mode: introspection and
 * GraphiQL off unless enabled, unexpected errors masked with the request id, no schema hints or stack
 * traces; and CSRF prevention on /graphql in both modes, with the legacy form shims unaffected.
 */
import { sql } from 'kysely';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';

let prod: TestGateway;
let prodEnabled: TestGateway;
let dev: TestGateway;
beforeAll(async () => {
  [prod, prodEnabled, dev] = await Promise.all([startTestGateway({ NODE_ENV: 'production' }), startTestGateway({ NODE_ENV: 'production', INTROSPECTION: '1', GRAPHIQL: '1' }), startTestGateway()]);
});
afterAll(() => Promise.all([prod, prodEnabled, dev].map((gw) => gw?.close())));

const SCHEMA_QUERY = '{ __schema { types { name } } }';
const TYPE_QUERY = '{ __type(name: "Query") { name } }';

describe('introspection', () => {
  test('production refuses __schema and __type with a validation error naming them', async () => {
    for (const query of [SCHEMA_QUERY, TYPE_QUERY]) {
      const res = await prod.gql(query);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/introspection is not allowed.*__schema or __type/);
    }
  });

  test('INTROSPECTION=1 in production, and development, answer both', async () => {
    for (const gw of [prodEnabled, dev]) {
      const schema = await gw.gql(SCHEMA_QUERY);
      expect(schema.body.data.__schema.types.map((type: { name: string }) => type.name)).toContain('Query');
      expect((await gw.gql(TYPE_QUERY)).body.data).toEqual({ __type: { name: 'Query' } });
    }
  });
});

describe('GraphiQL', () => {
  const browser = { accept: 'text/html,application/xhtml+xml' };

  test('production answers 404 with a JSON body at /graphiql, its script and a browser GET of /graphql', async () => {
    for (const [path, headers] of [
      ['/graphiql', {}],
      ['/graphiql/app.js', {}],
      ['/graphql', browser],
    ] as const) {
      const res = await prod.http('GET', path, { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body.error).toMatch(/GraphiQL is disabled/);
    }
  });

  test('GRAPHIQL=1 in production, and development, serve the page at both addresses', async () => {
    for (const gw of [prodEnabled, dev]) {
      for (const [path, headers] of [
        ['/graphiql', {}],
        ['/graphql', browser],
      ] as const) {
        const res = await gw.http('GET', path, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(res.body).toContain('<div id="graphiql">');
      }
    }
  });
});

describe('errors', () => {
  test('production masks an unexpected error with the request id of the response and its log line', async () => {
    // A real fault: the table the resolver reads is gone for the length of this request.
    await sql`alter table roles rename to roles_gone`.execute(prod.app.database.db);
    let res: Awaited<ReturnType<TestGateway['http']>>;
    try {
      res = await prod.http('POST', '/graphql', { json: { query: '{ roles { id: databaseId } }' } });
    } finally {
      await sql`alter table roles_gone rename to roles`.execute(prod.app.database.db);
    }
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['roles'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
    expect(JSON.stringify(res.body)).not.toMatch(/no such table|does not exist|stacktrace|roles_gone/);
    const logged = prod.logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'unexpected error in GraphQL operation');
    expect(logged).toEqual([expect.objectContaining({ reqId: requestId })]);
    // The cause as logged (under jest a driver error may arrive wrapped as graphql's NonErrorThrown).
    expect(JSON.stringify(logged[0].err)).toMatch(/no such table: (main\.)?roles|relation \\"roles\\" does not exist/);
  });

  test('a misspelled field gets no "Did you mean" in production (development keeps the hint); no stack trace in either', async () => {
    const bodies: unknown[] = [];
    for (const [gw, hint] of [
      [prod, false],
      [dev, true],
    ] as const) {
      const res = await gw.gql('{ viewr { id: databaseId } }');
      bodies.push(res.body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors[0].message).toMatch(/Cannot query field "viewr"/);
      expect(/Did you mean/.test(res.body.errors[0].message)).toBe(hint);
      bodies.push((await gw.gql('{ roles {')).body, (await gw.gql('query($n: Int!) { roles { id: databaseId } }', { n: 'x' })).body);
    }
    expect(JSON.stringify(bodies)).toContain('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(bodies)).not.toContain('stacktrace');
  });
});

describe('CSRF prevention on /graphql', () => {
  const query = '{ roles { name } }';
  const register = 'mutation { register(input: { username: "forged", email: "forged@example.com", password: "password123" }) { token } }';
  const get = (gw: TestGateway, headers: Record<string, string> = {}) => gw.http('GET', `/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/json', ...headers } });

  test('POSTs a cross-site page could send without a preflight (text/plain, form, multipart) are refused with 400, in production and development', async () => {
    for (const gw of [prod, dev]) {
      const users = await gw.count('users');
      const post = (body: string | URLSearchParams | FormData, headers: Record<string, string> = {}) => fetch(`${gw.url}/graphql`, { method: 'POST', headers, body });
      const refused = [
        await post(JSON.stringify({ query }), { 'content-type': 'text/plain' }),
        await post(JSON.stringify({ query: register }), { 'content-type': 'text/plain;charset=UTF-8' }),
        await post(new URLSearchParams({ query })),
        await post(formData({ query })),
      ];
      for (const res of refused) {
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({
          errors: [{ message: expect.stringMatching(/^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/), extensions: { code: 'BAD_REQUEST' } }],
        });
      }
      expect(await gw.count('users')).toBe(users);
    }
  });

  test('a mutation over GET is refused with 405 and writes nothing, with or without a preflight header', async () => {
    for (const gw of [prod, dev]) {
      const users = await gw.count('users');
      for (const headers of [{}, { 'apollo-require-preflight': 'true' }] as Record<string, string>[]) {
        const res = await gw.http('GET', `/graphql?query=${encodeURIComponent(register)}`, { headers: { accept: 'application/json', ...headers } });
        expect(res.status).toBe(405);
        expect(res.body.errors[0].message).toBe('GET requests only support query operations, not mutation operations');
      }
      expect(await gw.count('users')).toBe(users);
      // The same mutation as a JSON POST does write: the refusals above are what kept it out.
      expect((await gw.gql(register)).body.data.register.token).toEqual(expect.any(String));
      expect(await gw.count('users')).toBe(users + 1);
    }
  });

  test('JSON POSTs and GETs run, GETs with no header too (as urql sends queries)', async () => {
    for (const gw of [prod, dev]) {
      const answers = [
        await gw.http('POST', '/graphql', { json: { query } }),
        await get(gw),
        await get(gw, { 'apollo-require-preflight': 'true' }),
        await get(gw, { 'x-apollo-operation-name': 'Roles' }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(res.body.data.roles[0].name).toBe('Admin');
      }
    }
  });

  test('the legacy shims still take form posts and plain GETs', async () => {
    const form = await social(prod, 'get-site-settings', {});
    expect(form.status).toBe(200);
    expect(form.body.api_status).toBe(200);
    const basic = `Basic ${Buffer.from(`x:${ADMIN_API_KEY}`).toString('base64')}`;
    const community = await prod.http('GET', '/api/v1/roles', { headers: { authorization: basic } });
    expect(community.status).toBe(200);
    expect(JSON.stringify(community.body)).toContain('Admin');
  });
});

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
