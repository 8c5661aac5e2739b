import { toGlobalId } from '../../src/graphql/node';
import { getIntrospectionQuery } from 'graphql';
import { FEED_QUERY } from '../../bench/feed';
import { loadConfig } from '../../src/config';
import { parseDocument } from '../../src/graphql/limits';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway, wsClient } from '../support/ws';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = (await gw.member('lister')).token;
});
afterAll(() => closeGateway(gw));

const admin = { authorization: `Basic ${Buffer.from(`backend_app1:${ADMIN_API_KEY}`).toString('base64')}` };
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Runs one operation over WebSocket and returns its result, or the errors it was refused with. */
async function overSocket(query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  const client = wsClient(gw, { token });
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] } = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as typeof result),
        error: (errors) => resolve({ errors: errors as typeof result.errors }),
        complete: () => resolve(result),
      },
    );
  });
}

describe('the parser is bounded: QUERY_MAX_TOKENS (5000)', () => {
  /** About a megabyte of document: 170,000 fields. */
  const huge = `{ ${'__typename '.repeat(95_000)}}`;

  test('a 1 MB document is refused quickly with GRAPHQL_PARSE_FAILED, over HTTP and WebSocket', async () => {
    const started = Date.now();
    const http = await gw.gql(huge);
    const elapsed = Date.now() - started;
    console.log(`a ${(huge.length / 1024 / 1024).toFixed(2)} MB document answered over HTTP in ${elapsed} ms`);
    expect(http.status).toBe(400);
    expect(http.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Syntax Error: Document contains more tha[nt] 5000 tokens\. Parsing aborted\.$/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const socket = await overSocket(huge);
    expect(socket.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Syntax Error: Document contains more tha[nt] 5000 tokens\. Parsing aborted\.$/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  test('the standard introspection query (every option) and the bench feed fit under the default', () => {
    const limits = loadConfig({}).queryLimits;
    expect(limits.tokens).toBe(5000);
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });
    expect(parseDocument(introspection, limits).definitions.length).toBeGreaterThan(0);
    expect(parseDocument(FEED_QUERY, limits).definitions.length).toBeGreaterThan(0);
  });
});

describe('every list argument has a maximum, refused with BAD_USER_INPUT', () => {
  const TAGS = 'query($ids: [ID!]) { tags(filter: { ids: $ids }) { nodes { id: databaseId } } }';
  const tagIds = (n: number) => range(n).map((i) => toGlobalId('Tag', i));

  test('tags(ids:) with 40,000 ids: BAD_USER_INPUT over HTTP and WebSocket, not a 500', async () => {
    const http = await gw.gql(TAGS, { ids: tagIds(40_000) });
    expect(http.status).toBe(400);
    expect(http.body.errors[0]).toMatchObject({ message: 'ids holds 40000 items; at most 1000 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
    const socket = await overSocket(TAGS, { ids: tagIds(40_000) });
    expect(socket.errors?.[0]).toMatchObject({ message: 'ids holds 40000 items; at most 1000 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('a list written in the document is measured too; a list at its maximum runs', async () => {
    const literal = await gw.gql(
      `{ tags(filter: { ids: [${tagIds(1001)
        .map((id) => `"${id}"`)
        .join(',')}] }) { nodes { id: databaseId } } }`,
    );
    expect(literal.body.errors[0]).toMatchObject({ message: 'ids holds 1001 items; at most 1000 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
    const atMaximum = await gw.gql(TAGS, { ids: tagIds(1000) });
    expect(atMaximum.body.errors).toBeUndefined();
  });

  test('a list inside an input object has its maximum (the default, 100)', async () => {
    const { body } = await gw.gql('mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }', {
      input: { targetUrl: 'https://example.com/hook', events: range(101).map((i) => `event.${i}`) },
    });
    expect(body.errors[0]).toMatchObject({ message: 'events holds 101 items; at most 100 are allowed', extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('the legacy doors answer the refusal in their own envelope', async () => {
    const community = await gw.http('GET', `/api/v1/tags?ids=${range(1001).join(',')}`, { headers: admin });
    expect(community.status).toBe(400);
    expect(community.body).toMatchObject({ status: 'BAD_REQUEST', message: 'ids holds 1001 items; at most 1000 are allowed' });
    const social = await gw.http('POST', `/api/get-many-users-data?access_token=${token}`, { form: { server_key: 'test-server-key-0123456789', user_ids: range(101).join(',') } });
    expect(social.body).toMatchObject({ api_status: '400', errors: { error_text: 'user_ids holds 101 items; at most 100 are allowed' } });
  });
});
