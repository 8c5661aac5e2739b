/**
 * Where any document may run (no TRUSTED_DOCUMENTS_ONLY): the manifest's documents run by id,
 * ad-hoc documents run, and Apollo's automatic persisted queries (APQ) register hashes in a
 * bounded in-memory cache: an entry over 64 KiB is not kept, and past APQ_CACHE_MB the least
 * recently used go first. Production says at start-up that only-mode is off.
 */
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { parse } from 'graphql';
import { APQ_MAX_ENTRY_BYTES } from '../../src/graphql/apq-cache';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, newMembers } from '../support/graphql';
import { writeManifest, type TestManifest } from '../support/manifest';

const LISTED = 'query Listed { viewer { username } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A valid query of about `chars` characters (a comment pads it), different for every `n`. */
const padded = (n: number, chars: number) => `# ${n} ${'x'.repeat(chars)}\nquery Padded${n} { viewer { id } }`;

let manifest: TestManifest;
let gw: TestGateway;
let ann: Member;

beforeAll(async () => {
  manifest = writeManifest([LISTED]);
  gw = await startTestGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: manifest.file, APQ_CACHE_MB: '1' });
  [ann] = await newMembers(gw, 1, 'apq');
});
afterAll(async () => {
  await gw?.close();
  manifest?.remove();
});

/** POSTs Apollo's APQ form: the hash, and the text when given. */
function apq(text: string, withText: boolean) {
  const body = { ...(withText ? { query: text } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } };
  return gw.http('POST', '/graphql', { json: body, headers: { authorization: `Bearer ${ann.token}` } });
}

test('production with only-mode off logs one line recommending TRUSTED_DOCUMENTS_ONLY=1', () => {
  const warnings = gw.logLines
    .map((line) => JSON.parse(line))
    .filter((line) => line.level === 40)
    .map((line) => line.msg);
  // Beside it, the one other warning of a production start without SMTP_URL: mails are not sent.
  expect(warnings).toHaveLength(2);
  expect(warnings).toEqual(
    expect.arrayContaining([expect.stringMatching(/^any client may run any GraphQL document: set TRUSTED_DOCUMENTS .* TRUSTED_DOCUMENTS_ONLY=1/), expect.stringMatching(/^mail: SMTP_URL is unset/)]),
  );
});

test('a manifest document runs by documentId, and any other document runs as sent', async () => {
  const listed = await gw.http('POST', '/graphql', { json: { documentId: manifest.id(LISTED) }, headers: { authorization: `Bearer ${ann.token}` } });
  expect(listed.body).toEqual({ data: { viewer: { username: 'apq1m0' } } });
  expect((await gw.gql('{ viewer { id: databaseId } }', {}, ann.token)).body).toEqual({ data: { viewer: { id: ann.id } } });
  const unknown = await gw.http('GET', `/graphql?documentId=sha256:${'0'.repeat(64)}`);
  expect([unknown.status, code(unknown)]).toEqual([404, 'PERSISTED_QUERY_NOT_FOUND']);
});

test("Apollo Client's persisted-query link registers an unknown hash with its text once; the hash alone works from then on", async () => {
  const sent: string[] = [];
  const link = () =>
    new PersistedQueryLink({ sha256 }).concat(
      new HttpLink({
        uri: `${gw.url}/graphql`,
        headers: { authorization: `Bearer ${ann.token}` },
        fetch: (url, init) => {
          const body = JSON.parse(String(init?.body));
          sent.push(body.query === undefined ? 'hash' : 'hash+text');
          return fetch(url, init);
        },
      }),
    );
  const query = parse('query Registered { viewer { __typename username } }');
  const first = await new ApolloClient({ cache: new InMemoryCache(), link: link() }).query({ query });
  expect(first.data).toEqual({ viewer: { __typename: 'User', username: 'apq1m0' } });
  const second = await new ApolloClient({ cache: new InMemoryCache(), link: link() }).query({ query });
  expect(second.data).toEqual(first.data);
  expect(sent).toEqual(['hash', 'hash+text', 'hash']);
});

test('the cache keeps no entry over 64 KiB: it runs, and its hash stays unknown', async () => {
  const big = padded(0, APQ_MAX_ENTRY_BYTES + 100);
  expect((await apq(big, true)).body).toEqual({ data: { viewer: { id: expect.any(String) } } });
  expect(code(await apq(big, false))).toBe('PERSISTED_QUERY_NOT_FOUND');
  const small = padded(1, 1000);
  await apq(small, true);
  expect((await apq(small, false)).body).toEqual({ data: { viewer: { id: expect.any(String) } } });
});

test('past APQ_CACHE_MB (1 MiB here) the least recently used entries go first', async () => {
  const texts = Array.from({ length: 24 }, (_, i) => padded(100 + i, 60_000));
  for (const text of texts) expect((await apq(text, true)).status).toBe(200);
  const known = [];
  for (const text of texts) known.push(code(await apq(text, false)) !== 'PERSISTED_QUERY_NOT_FOUND');
  // 24 × 60 KB is about 1.4 MiB: the first few were dropped, the last ones kept.
  expect(known.slice(0, 5)).toEqual([false, false, false, false, false]);
  expect(known.slice(-10)).toEqual(Array(10).fill(true));
});
