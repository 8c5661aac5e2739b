/**
 * Attacks on TRUSTED_DOCUMENTS_ONLY=1: every way a client might run a document no manifest holds
 * through /graphql (GET, POST as JSON, form, multipart or text, batches, HEAD) or the WebSocket is
 * refused before any statement runs; a manifest document keeps its pricing however it is named;
 * and a `documentId` of null is no id, as Apollo reads a null `query` (it ran before documentId existed).
 */
import type { Client } from 'graphql-ws';
import { REGISTER, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, newMembers } from '../support/graphql';
import { writeManifest, type TestManifest } from '../support/manifest';
import { closeGateway, openSocket, runOver } from '../support/ws';

/** Two operations in one listed document: either may be chosen by operationName. */
const TWO = 'query A { __typename } query B { viewer { username } }';
const FOLLOWERS = 'query Followers($n: Int) { viewer { followers(first: $n) { edges { node { id } } } } }';
const AD_HOC = '{ viewer { username } }';

/** Written when the file loads: the cases below name its ids. */
const manifest: TestManifest = writeManifest([REGISTER, TWO, FOLLOWERS]);
let gw: TestGateway;
let ann: Member;

beforeAll(async () => {
  gw = await startTestGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: manifest.dir, TRUSTED_DOCUMENTS_ONLY: '1' });
  [ann] = await newMembers(gw, 1, 'attack');
});
afterAll(async () => {
  if (gw) await closeGateway(gw);
  manifest.remove();
});

const enc = encodeURIComponent;
const JSON_TYPE = { 'content-type': 'application/json' };
const PREFLIGHTED = { 'apollo-require-preflight': '1' };
const bearer = () => ({ authorization: `Bearer ${ann.token}` });

/**
 * Sends a raw request, anonymous (a token costs its lookup before Apollo refuses a malformed request
 * or prices an operation); returns its status, body and how many statements it cost.
 */
async function attempt(method: string, path: string, init: { headers?: Record<string, string>; body?: string | FormData } = {}) {
  const before = gw.queries.length;
  const response = await fetch(`${gw.url}${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // an empty HEAD answer
  }
  return { status: response.status, body, statements: gw.queries.length - before };
}

describe('over HTTP, no door runs an ad-hoc document, and none spends a statement refusing it', () => {
  const apq = (sha256Hash: unknown, version = 1) => ({ persistedQuery: { version, sha256Hash } });
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const multipart = (fields: Record<string, string>) => Object.entries(fields).reduce((data, [name, value]) => (data.append(name, value), data), new FormData());

  test.each([
    ['GET with an ad-hoc query and a listed documentId', 'GET', `/graphql?query=${enc(AD_HOC)}&documentId=${manifest.id(TWO)}`, {}, 400, 'BAD_REQUEST'],
    ['GET with the query parameter twice', 'GET', `/graphql?query=${enc(AD_HOC)}&query=${enc(AD_HOC)}`, {}, 400, 'BAD_REQUEST'],
    ['GET with documentId twice', 'GET', `/graphql?documentId=${manifest.id(TWO)}&documentId=${manifest.id(TWO)}`, {}, 400, 'BAD_REQUEST'],
    ['GET with a percent-encoded parameter name', 'GET', `/graphql?%71uery=${enc(AD_HOC)}`, {}, 400, 'PERSISTED_QUERY_NOT_IN_LIST'],
    ['GET with extensions as a JSON string', 'GET', `/graphql?query=${enc(AD_HOC)}&extensions=${enc('"x"')}`, {}, 400, 'PERSISTED_QUERY_NOT_IN_LIST'],
    ['GET with extensions as a JSON list', 'GET', `/graphql?extensions=${enc(JSON.stringify([apq(manifest.hash(TWO))]))}`, {}, 400, 'BAD_REQUEST'],
    ['GET with an upper-case hex documentId', 'GET', `/graphql?documentId=sha256:${manifest.hash(TWO).toUpperCase()}&operationName=A`, {}, 404, 'PERSISTED_QUERY_NOT_FOUND'],
    ['GET with another prefix', 'GET', `/graphql?documentId=md5:${manifest.hash(TWO)}&operationName=A`, {}, 404, 'PERSISTED_QUERY_NOT_FOUND'],
    ['GET with APQ version 2 and an ad-hoc query', 'GET', `/graphql?query=${enc(AD_HOC)}&extensions=${enc(JSON.stringify(apq(manifest.hash(TWO), 2)))}`, {}, 400, 'PERSISTED_QUERY_NOT_IN_LIST'],
    ['GET asking for HTML with an ad-hoc query', 'GET', `/graphql?query=${enc(AD_HOC)}`, { headers: { accept: 'text/html' } }, 400, 'PERSISTED_QUERY_NOT_IN_LIST'],
    ['POST a batch of ad-hoc queries', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify([{ query: AD_HOC }]) }, 400, 'BAD_REQUEST'],
    ['POST application/graphql', 'POST', '/graphql', { headers: { 'content-type': 'application/graphql' }, body: AD_HOC }, 415, 'BAD_USER_INPUT'],
    ['POST text/plain JSON, preflighted', 'POST', '/graphql', { headers: { 'content-type': 'text/plain', ...PREFLIGHTED }, body: JSON.stringify({ query: AD_HOC }) }, 400, 'BAD_REQUEST'],
    [
      'POST a form, preflighted',
      'POST',
      '/graphql',
      { headers: { 'content-type': 'application/x-www-form-urlencoded', ...PREFLIGHTED }, body: form({ query: AD_HOC }) },
      400,
      'PERSISTED_QUERY_NOT_IN_LIST',
    ],
    ['POST multipart fields, preflighted', 'POST', '/graphql', { headers: PREFLIGHTED, body: multipart({ query: AD_HOC }) }, 400, 'PERSISTED_QUERY_NOT_IN_LIST'],
    ['POST an ad-hoc query with a listed documentId', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ query: AD_HOC, documentId: manifest.id(TWO) }) }, 400, 'BAD_REQUEST'],
    ['POST an ad-hoc query with a listed APQ hash', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ query: AD_HOC, extensions: apq(manifest.hash(TWO)) }) }, 400, 'BAD_REQUEST'],
    ['POST a documentId that is an object', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ documentId: { id: manifest.id(TWO) } }) }, 400, 'BAD_REQUEST'],
    [
      'POST extensions as a JSON string',
      'POST',
      '/graphql',
      { headers: JSON_TYPE, body: JSON.stringify({ query: AD_HOC, extensions: JSON.stringify(apq(manifest.hash(TWO))) }) },
      400,
      'PERSISTED_QUERY_NOT_IN_LIST',
    ],
    ['POST APQ version 2', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ extensions: apq(manifest.hash(TWO), 2) }) }, 200, 'PERSISTED_QUERY_NOT_SUPPORTED'],
    ['POST a query that is a list', 'POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ query: [AD_HOC] }) }, 400, 'BAD_REQUEST'],
    [
      'POST a huge first on a listed document',
      'POST',
      '/graphql',
      { headers: JSON_TYPE, body: JSON.stringify({ documentId: manifest.id(FOLLOWERS), variables: { n: 1e9 } }) },
      400,
      'QUERY_TOO_COMPLEX',
    ],
  ] as const)('%s', async (_name, method, path, init, status, expected) => {
    const result = await attempt(method, path, init);
    expect([result.status, code(result as never), result.statements]).toEqual([status, expected, 0]);
  });

  test('HEAD runs nothing: 405 (or 400 without a preflight header), no statement', async () => {
    expect(await attempt('HEAD', `/graphql?query=${enc(AD_HOC)}`, { headers: PREFLIGHTED })).toMatchObject({ status: 405, statements: 0 });
    expect(await attempt('HEAD', `/graphql?query=${enc(AD_HOC)}`)).toMatchObject({ status: 400, statements: 0 });
  });

  test('operationName picks either operation of a listed document, and no other', async () => {
    expect((await attempt('GET', `/graphql?documentId=${manifest.id(TWO)}&operationName=B`, { headers: bearer() })).body).toEqual({ data: { viewer: { username: 'attack1m0' } } });
    expect(code((await attempt('GET', `/graphql?documentId=${manifest.id(TWO)}&operationName=C`)) as never)).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  test('a null documentId is no id: the listed text beside it runs, over POST and WebSocket', async () => {
    const post = await attempt('POST', '/graphql', { headers: { ...JSON_TYPE, ...bearer() }, body: JSON.stringify({ query: TWO, operationName: 'B', documentId: null }) });
    expect(post).toMatchObject({ status: 200, body: { data: { viewer: { username: 'attack1m0' } } } });
    const adHoc = await attempt('POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ query: AD_HOC, documentId: null }) });
    expect([adHoc.status, code(adHoc as never), adHoc.statements]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST', 0]);
  });
});

test('an empty query answers as it did before /graphql built its own Apollo request: 400, a non-empty `query` is needed', async () => {
  const empty = await attempt('POST', '/graphql', { headers: JSON_TYPE, body: JSON.stringify({ query: '' }) });
  expect([empty.status, empty.body.errors[0].message]).toEqual([400, 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.']);
});

describe('over WebSocket', () => {
  let socket: Client;
  beforeAll(async () => {
    socket = (await openSocket(gw, ann.token)).client;
  });

  const over = (payload: Record<string, unknown>) =>
    new Promise<any>((resolve) => {
      let result: unknown;
      socket.subscribe({ query: '', ...payload }, { next: (value) => (result = value), error: (error) => resolve({ refused: error }), complete: () => resolve(result) });
    });

  test('an ad-hoc text beside a listed hash, an object documentId, APQ version 2 and a huge first are refused without a statement or HTTP details', async () => {
    for (const [payload, expected] of [
      [{ query: AD_HOC, extensions: { persistedQuery: { version: 1, sha256Hash: manifest.hash(TWO) } } }, 'BAD_REQUEST'],
      [{ documentId: { id: manifest.id(TWO) } }, 'BAD_REQUEST'],
      [{ extensions: { persistedQuery: { version: 2, sha256Hash: manifest.hash(TWO) } } }, 'BAD_REQUEST'],
      [{ documentId: manifest.id(FOLLOWERS), variables: { n: 1e9 } }, 'QUERY_TOO_COMPLEX'],
    ] as const) {
      const before = gw.queries.length;
      const result = await over(payload);
      expect([result.refused?.[0]?.extensions?.code, gw.queries.length - before]).toEqual([expected, 0]);
      // No status on a socket: the refusal's extensions carry no `http` (its code and figures stay).
      expect(result.refused[0].extensions).not.toHaveProperty('http');
    }
  });

  test('a null documentId is no id', async () => {
    expect(await over({ query: TWO, operationName: 'B', documentId: null })).toEqual({ data: { viewer: { username: 'attack1m0' } } });
    expect(await runOver(socket, AD_HOC)).toMatchObject({ refused: [{ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] });
  });
});

describe('rate limits', () => {
  let limited: TestGateway;
  beforeAll(async () => {
    limited = await startTestGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: manifest.dir, TRUSTED_DOCUMENTS_ONLY: '1', RATE_LIMIT_PER_IP: '3' });
  });
  afterAll(() => limited?.close());

  test('refused ad-hoc documents count against the address like listed ones, and past the limit even a listed id gets 429 before anything runs', async () => {
    const adHoc = () => fetch(`${limited.url}/graphql?query=${enc(AD_HOC)}`);
    const listed = () => fetch(`${limited.url}/graphql?documentId=${manifest.id(TWO)}&operationName=A`);
    const statuses = [(await adHoc()).status, (await listed()).status, (await adHoc()).status];
    const before = limited.queries.length;
    const over = await listed();
    expect([...statuses, over.status, limited.queries.length - before]).toEqual([400, 200, 400, 429, 0]);
  });
});
