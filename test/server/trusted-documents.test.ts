/**
 * Trusted documents only (TRUSTED_DOCUMENTS_ONLY=1) on a production-like gateway: the manifest's
 * documents run by id over HTTP GET and POST (GraphQL over HTTP's `documentId`, Apollo's APQ
 * extension, Apollo Client's persisted-query link as the example web app uses it) and over
 * graphql-ws (`query: ""` with the hash); any other document, and any unknown id, is refused before
 * a statement runs, over HTTP and WebSocket alike; the legacy REST shims run their own operations
 * as before; CSRF prevention, the limits and the introspection switch still apply to a manifest's
 * documents.
 */
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { Client } from 'graphql-ws';
import { type DocumentNode, parse } from 'graphql';
import { toGlobalId } from '../../src/graphql/node';
import { REGISTER, startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, newMembers } from '../support/graphql';
import { writeManifest, type TestManifest } from '../support/manifest';
import { social } from '../support/social';
import { waitFor } from '../support/wait';
import { closeGateway, openSocket, runOver } from '../support/ws';

const MEMBER = 'query Member($id: ID!) { node(id: $id) { __typename id ... on User { username } } }';
const PRESENCE = 'mutation Presence($input: SetPresenceInput!) { setPresence(input: $input) { __typename id presence } }';
const MESSAGES = 'subscription Messages($chatId: ID!) { messageAdded(chatId: $chatId) { text sender { username } } }';
/** Listed, but deeper than QUERY_MAX_DEPTH=3. */
const DEEP = '{ viewer { followers(first: 1) { edges { node { id } } } } }';
/** Listed, but introspection is off in production. */
const INTROSPECTION = '{ __schema { queryType { name } } }';
const AD_HOC_QUERY = '{ viewer { username } }';
const AD_HOC_MUTATION = 'mutation { setPresence(input: { presence: ONLINE }) { id } }';
const AD_HOC_SUBSCRIPTION = 'subscription { notificationAdded { id } }';
const UNKNOWN_HASH = 'f'.repeat(64);
const APP = 'http://localhost:5173';

let manifest: TestManifest;
let gw: TestGateway;
let ann: Member;
let bob: Member;

beforeAll(async () => {
  manifest = writeManifest([REGISTER, MEMBER, PRESENCE, MESSAGES, DEEP, INTROSPECTION]);
  gw = await startTestGateway({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: manifest.dir, TRUSTED_DOCUMENTS_ONLY: '1', QUERY_MAX_DEPTH: '3', CORS_ORIGINS: APP });
  // `member` sends REGISTER's full text: listed, so it runs.
  [ann, bob] = await newMembers(gw, 2, 'trusted');
});
afterAll(async () => {
  if (gw) await closeGateway(gw);
  manifest?.remove();
});

/** What `run` answered and how many statements the gateway ran for it. */
async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = gw.queries.length;
  const result = await run();
  return { result, statements: gw.queries.length - before };
}

const bearer = (member: Member) => ({ authorization: `Bearer ${member.token}` });
const memberVariables = () => ({ id: toGlobalId('User', bob.id) });

describe('over HTTP', () => {
  test('the start-up log says how many documents were loaded and that only they may run', () => {
    const lines = gw.logLines.map((line) => JSON.parse(line).msg as string);
    expect(lines).toContain('trusted documents: 6 from 1 manifest(s); only these may run (TRUSTED_DOCUMENTS_ONLY)');
    expect(lines.filter((line) => line.includes('any client may run any GraphQL document'))).toEqual([]);
  });

  test('GET ?documentId=sha256:…&variables=… runs the manifest query', async () => {
    const params = new URLSearchParams({ documentId: manifest.id(MEMBER), variables: JSON.stringify(memberVariables()) });
    const res = await gw.http('GET', `/graphql?${params}`, { headers: bearer(ann) });
    expect(res).toMatchObject({ status: 200, body: { data: { node: { __typename: 'User', username: 'trusted1m1' } } } });
  });

  test('POST { documentId, variables, operationName } runs it, and so does the APQ extension form', async () => {
    const byId = await gw.http('POST', '/graphql', { json: { documentId: manifest.id(MEMBER), variables: memberVariables(), operationName: 'Member' }, headers: bearer(ann) });
    expect(byId).toMatchObject({ status: 200, body: { data: { node: { username: 'trusted1m1' } } } });
    const byApq = await gw.http('POST', '/graphql', {
      json: { extensions: { persistedQuery: { version: 1, sha256Hash: manifest.hash(PRESENCE) } }, variables: { input: { presence: 'ONLINE' } } },
      headers: bearer(ann),
    });
    expect(byApq).toMatchObject({ status: 200, body: { data: { setPresence: { id: toGlobalId('User', ann.id), presence: 'ONLINE' } } } });
  });

  test("Apollo Client's persisted-query link with the client preset's __meta__.hash: queries as GET, mutations as POST, never a text", async () => {
    const sent: { method: string; url: string; body: unknown }[] = [];
    const withMeta = (text: string): DocumentNode => Object.assign(parse(text), { __meta__: { hash: manifest.hash(text) } });
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({ generateHash: (document) => (document as { __meta__?: { hash: string } }).__meta__!.hash, useGETForHashedQueries: true }).concat(
        new HttpLink({
          uri: `${gw.url}/graphql`,
          headers: bearer(ann),
          fetch: (url, init) => {
            sent.push({ method: init?.method ?? 'GET', url: String(url), body: init?.body ? JSON.parse(String(init.body)) : null });
            return fetch(url, init);
          },
        }),
      ),
    });
    const { data } = await client.query({ query: withMeta(MEMBER), variables: memberVariables() });
    expect(data).toEqual({ node: { __typename: 'User', id: toGlobalId('User', bob.id), username: 'trusted1m1' } });
    const mutation = await client.mutate({ mutation: withMeta(PRESENCE), variables: { input: { presence: 'OFFLINE' } } });
    expect(mutation.data).toEqual({ setPresence: { __typename: 'User', id: toGlobalId('User', ann.id), presence: 'OFFLINE' } });
    expect(sent.map((request) => request.method)).toEqual(['GET', 'POST']);
    expect(new URL(sent[0].url).searchParams.get('query')).toBeNull();
    expect(JSON.parse(new URL(sent[0].url).searchParams.get('extensions')!)).toMatchObject({ persistedQuery: { version: 1, sha256Hash: manifest.hash(MEMBER) } });
    expect(sent[1].body).not.toHaveProperty('query');
  });

  test('a listed text sent in full runs (the same document, by its SHA-256)', async () => {
    const res = await gw.gql(MEMBER, memberVariables(), ann.token);
    expect(res).toMatchObject({ status: 200, body: { data: { node: { username: 'trusted1m1' } } } });
  });

  test('an ad-hoc query or mutation (POST or GET) is refused with 400 PERSISTED_QUERY_NOT_IN_LIST before any statement, the token unread', async () => {
    for (const [query, variables] of [
      [AD_HOC_QUERY, {}],
      [AD_HOC_MUTATION, {}],
      [`${MEMBER} `, memberVariables()],
    ] as const) {
      const { result, statements } = await counted(() => gw.gql(query, variables, ann.token));
      expect(result.status).toBe(400);
      expect(code(result)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect(result.body.errors[0].message).toMatch(/TRUSTED_DOCUMENTS_ONLY/);
      expect(statements).toBe(0);
    }
    const { result, statements } = await counted(() => gw.http('GET', `/graphql?query=${encodeURIComponent(AD_HOC_QUERY)}`, { headers: bearer(ann) }));
    expect(result.status).toBe(400);
    expect(code(result)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(result.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');
    expect(statements).toBe(0);
  });

  test('an unknown documentId answers 404 PERSISTED_QUERY_NOT_FOUND; an unknown APQ hash 200 PERSISTED_QUERY_NOT_FOUND (as Apollo does); no statement', async () => {
    const byId = await counted(() => gw.http('GET', `/graphql?documentId=sha256:${UNKNOWN_HASH}`, { headers: bearer(ann) }));
    expect(byId.result.status).toBe(404);
    expect(code(byId.result)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(byId.result.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');
    const byPost = await counted(() => gw.http('POST', '/graphql', { json: { documentId: `sha256:${UNKNOWN_HASH}` }, headers: bearer(ann) }));
    expect(byPost.result.status).toBe(404);
    expect(code(byPost.result)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const byApq = await counted(() => gw.http('POST', '/graphql', { json: { extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_HASH } } }, headers: bearer(ann) }));
    expect(byApq.result.status).toBe(200);
    expect(code(byApq.result)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect([byId.statements, byPost.statements, byApq.statements]).toEqual([0, 0, 0]);
  });

  test('APQ registration is off: a hash with its unlisted text is refused, and the hash stays unknown', async () => {
    const text = '{ viewer { id } }';
    const hash = manifest.hash(text);
    const register = await gw.http('POST', '/graphql', { json: { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } });
    expect(register.status).toBe(400);
    expect(code(register)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const again = await gw.http('POST', '/graphql', { json: { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } });
    expect(code(again)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  test('a text that does not match its documentId is refused 400', async () => {
    const res = await gw.http('POST', '/graphql', { json: { query: MEMBER, documentId: manifest.id(PRESENCE), variables: memberVariables() } });
    expect(res.status).toBe(400);
    expect(code(res)).toBe('BAD_REQUEST');
  });

  test('listed documents still obey CSRF prevention, GET-is-for-queries, the depth limit and the introspection switch', async () => {
    const form = await gw.http('POST', '/graphql', { form: { documentId: manifest.id(MEMBER) } });
    expect(form.status).toBe(400);
    expect(form.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    const mutationByGet = await gw.http('GET', `/graphql?documentId=${manifest.id(PRESENCE)}&variables=${encodeURIComponent('{"input":{"presence":"ONLINE"}}')}`, { headers: bearer(ann) });
    expect(mutationByGet.status).toBe(405);
    const deep = await counted(() => gw.http('POST', '/graphql', { json: { documentId: manifest.id(DEEP) }, headers: bearer(ann) }));
    expect(code(deep.result)).toBe('QUERY_TOO_DEEP');
    expect(deep.statements).toBe(0);
    const introspection = await gw.http('GET', `/graphql?documentId=${manifest.id(INTROSPECTION)}`);
    expect(introspection.status).toBe(400);
    expect(code(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('CORS preflights for what the web app sends pass: GET with authorization, POST with content-type and authorization', async () => {
    for (const [method, headers] of [
      ['GET', 'authorization'],
      ['POST', 'authorization,content-type'],
    ]) {
      const res = await fetch(`${gw.url}/graphql`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': method, 'access-control-request-headers': headers } });
      expect([res.status >= 200, res.status < 300]).toEqual([true, true]);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-allow-headers')).toEqual(expect.stringContaining('authorization'));
    }
  });

  test('GraphiQL is off (production; with TRUSTED_DOCUMENTS_ONLY it is off anywhere)', async () => {
    expect((await gw.http('GET', '/graphiql')).status).toBe(404);
  });
});

describe('legacy REST in only-mode', () => {
  test('the shims run their own operations: social send-message and chat GET /api/chats answer as before', async () => {
    const sent = await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'trusted-1', text: 'through the social shim' }, ann.token);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ api_status: 200, message_data: [{ text: 'through the social shim' }] });
    const chats = await gw.http('GET', '/api/chats', { headers: bearer(bob) });
    expect(chats.status).toBe(200);
    expect(chats.body.data[0].last_message.message).toBe('through the social shim');
  });
});

describe('over WebSocket (graphql-ws)', () => {
  let socket: Client;
  let chatId: string;
  beforeAll(async () => {
    socket = (await openSocket(gw, bob.token)).client;
    const chats = await gw.http('GET', '/api/chats', { headers: bearer(bob) });
    chatId = toGlobalId('Chat', chats.body.data[0].id);
  });

  test('a manifest subscription by hash (query "") receives an event; by documentId too; a query by hash answers', async () => {
    const byHash: any[] = [];
    const byDocumentId: any[] = [];
    const errors: unknown[] = [];
    const sink = (events: any[]) => ({ next: (value: any) => events.push(value), error: (error: unknown) => errors.push(error), complete: () => undefined });
    const stopHash = socket.subscribe({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: manifest.hash(MESSAGES) } }, variables: { chatId } }, sink(byHash));
    const stopId = socket.subscribe({ query: '', documentId: manifest.id(MESSAGES), variables: { chatId } } as never, sink(byDocumentId));
    // Until both subscriptions run, a message every 200 ms (sent through the social shim).
    let lastSent = 0;
    await waitFor(
      async () => {
        if (errors.length > 0) throw new Error(JSON.stringify(errors));
        if (byHash.length > 0 && byDocumentId.length > 0) return true;
        if (Date.now() - lastSent > 200) {
          lastSent = Date.now();
          await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: `trusted-ws-${lastSent}`, text: 'to the subscribers' }, ann.token);
        }
        return false;
      },
      5000,
      'an event on both subscriptions',
    );
    stopHash();
    stopId();
    expect(byHash[0]).toEqual({ data: { messageAdded: { text: 'to the subscribers', sender: { username: 'trusted1m0' } } } });
    expect(byDocumentId[0]).toEqual(byHash[0]);
    const member = await runOver(socket, '', memberVariables(), { persistedQuery: { version: 1, sha256Hash: manifest.hash(MEMBER) } });
    expect(member).toEqual({ data: { node: { __typename: 'User', id: toGlobalId('User', bob.id), username: 'trusted1m1' } } });
  });

  test('ad-hoc queries, mutations and subscriptions get an error PERSISTED_QUERY_NOT_IN_LIST, an unknown hash PERSISTED_QUERY_NOT_FOUND; no statement, the socket stays open', async () => {
    for (const [query, extensions, expected] of [
      [AD_HOC_QUERY, undefined, 'PERSISTED_QUERY_NOT_IN_LIST'],
      [AD_HOC_MUTATION, undefined, 'PERSISTED_QUERY_NOT_IN_LIST'],
      [AD_HOC_SUBSCRIPTION, undefined, 'PERSISTED_QUERY_NOT_IN_LIST'],
      ['', { persistedQuery: { version: 1, sha256Hash: UNKNOWN_HASH } }, 'PERSISTED_QUERY_NOT_FOUND'],
    ] as const) {
      const { result, statements } = await counted(() => runOver(socket, query, {}, extensions));
      expect(result.refused?.[0]?.extensions).toEqual({ code: expected });
      expect(statements).toBe(0);
    }
    const afterwards = await runOver(socket, MEMBER, memberVariables());
    expect(afterwards.data.node.username).toBe('trusted1m1');
  });
});
