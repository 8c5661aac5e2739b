/**
 * The GraphQL clients frontends use, with their default settings and no header added for the
 * gateway's sake: urql (queries over GET; subscriptionExchange over graphql-ws), graphql-request,
 * Apollo Client (HttpLink, and GraphQLWsLink over graphql-ws for subscriptions) and a plain fetch,
 * set up as the README's "For frontend developers" shows. What each sent is read from
 * Node's own fetch (the `undici:request:create` diagnostics channel), so the test shows that urql's
 * GET carried no content type and no CSRF-prevention header, and still ran.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ApolloClient, gql, HttpLink, InMemoryCache, split } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { cacheExchange, createClient as createUrqlClient, fetchExchange, subscriptionExchange } from '@urql/core';
import type * as GraphqlRequest from 'graphql-request' with { 'resolution-mode': 'import' };
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { PREFLIGHT_HEADERS } from '../../src/http/csrf-prevention';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';

// graphql-request 7 publishes types for its ESM build only; its CommonJS build is the package's
// `require` export (build/entrypoints/main.cjs), which Jest loads here.
const { GraphQLClient } = require('graphql-request') as typeof GraphqlRequest;

const ROLES = '{ roles { name } }';
const VIEWER = 'query Viewer { viewer { username } }';

/** One HTTP request Node's fetch sent: method, path and headers (names in lower case). */
interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** Records every request Node's fetch sends while `run` runs. */
async function recordRequests<T>(run: () => Promise<T>): Promise<{ result: T; sent: SentRequest[] }> {
  const sent: SentRequest[] = [];
  const listener = (message: unknown) => {
    const { request } = message as { request: { method: string; path: string; headers: string[] | string } };
    const flat = Array.isArray(request.headers) ? request.headers : request.headers.split('\r\n').flatMap((line) => line.split(/:\s*/, 2));
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) headers[String(flat[i]).toLowerCase()] = String(flat[i + 1]);
    sent.push({ method: request.method, path: request.path, headers });
  };
  subscribe('undici:request:create', listener);
  try {
    return { result: await run(), sent };
  } finally {
    unsubscribe('undici:request:create', listener);
  }
}

function withoutPreflightHeaders(request: SentRequest): boolean {
  return PREFLIGHT_HEADERS.every((name) => request.headers[name] === undefined);
}

let gw: TestGateway;
let ann: Member;
let bob: Member;
beforeAll(async () => {
  gw = await startTestGateway();
  [ann, bob] = await newMembers(gw, 2, 'client');
});
afterAll(() => gw?.close());

test('urql with its default settings sends queries as GET with no content type and no CSRF header; they run', async () => {
  const client = createUrqlClient({ url: `${gw.url}/graphql`, exchanges: [cacheExchange, fetchExchange] });
  const { result, sent } = await recordRequests(() => client.query(ROLES, {}).toPromise());
  expect(result.error).toBeUndefined();
  expect(result.data.roles.map((role: { name: string }) => role.name)).toContain('Admin');
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/graphql\?query=/) });
  expect(sent[0].headers['content-type']).toBeUndefined();
  expect(withoutPreflightHeaders(sent[0])).toBe(true);
});

test('graphql-request (POST JSON) runs queries and mutations with no extra header', async () => {
  const client = new GraphQLClient(`${gw.url}/graphql`, { headers: { authorization: `Bearer ${ann.token}` } });
  const { result, sent } = await recordRequests(async () => ({
    viewer: await client.request<{ viewer: { username: string } }>(VIEWER),
    chat: await client.request<{ setChatColor: { color: string } }>('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#336699" }) { color } }', {
      with: toGlobalId('User', bob.id),
    }),
  }));
  expect(result.viewer.viewer.username).toMatch(/^client/);
  expect(result.chat.setChatColor.color).toBe('#336699');
  expect(sent).toHaveLength(2);
  expect(sent.every((request) => request.method === 'POST' && withoutPreflightHeaders(request))).toBe(true);
});

test('a plain fetch POST with JSON runs', async () => {
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ROLES }) });
  expect(res.status).toBe(200);
  expect((await res.json()).data.roles.length).toBeGreaterThan(0);
});

/** A chat of ann and bob, opened by ann's first message. */
async function chatOfAnnAndBob(): Promise<number> {
  const { body } = await gw.gql(
    'mutation($input: SendMessageInput!) { sendMessage(input: $input) { chatId: chatDatabaseId } }',
    { input: { toUserId: toGlobalId('User', bob.id), text: 'hello 0' } },
    ann.token,
  );
  return body.data.sendMessage.chatId;
}

/** A subscription starts on the server a moment after the client subscribes: sends until one message arrives. */
async function sendUntilReceived(received: string[], send: (text: string) => Promise<unknown>): Promise<void> {
  for (let i = 1; received.length === 0 && i <= 50; i++) {
    await send(`hello ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const MESSAGE_ADDED = 'subscription Added($chatId: ID!) { messageAdded(chatId: $chatId) { text } }';
const wsUrl = () => `${gw.url.replace(/^http/, 'ws')}/graphql`;

test('Apollo Client 4: HttpLink (token from SetContextLink) for queries and mutations, GraphQLWsLink over graphql-ws for subscriptions', async () => {
  /** The client a frontend builds: subscriptions over the socket, the rest over HTTP. */
  function apolloClient(token: string) {
    const socket = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams: () => ({ Authorization: `Bearer ${token}` }), retryAttempts: 0 });
    const auth = new SetContextLink((context) => ({ headers: { ...context.headers, authorization: `Bearer ${token}` } }));
    const link = split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      new GraphQLWsLink(socket),
      auth.concat(new HttpLink({ uri: `${gw.url}/graphql` })),
    );
    return { client: new ApolloClient({ link, cache: new InMemoryCache() }), socket };
  }
  const sender = apolloClient(ann.token);
  const receiver = apolloClient(bob.token);
  try {
    const { result, sent } = await recordRequests(() => sender.client.query({ query: gql(VIEWER) }));
    expect(result.data).toEqual({ viewer: { __typename: 'User', username: expect.stringMatching(/^client/) } });
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(withoutPreflightHeaders(sent[0])).toBe(true);

    const chatId = await chatOfAnnAndBob();
    const received: string[] = [];
    const subscription = receiver.client
      .subscribe<{ messageAdded: { text: string } }>({ query: gql(MESSAGE_ADDED), variables: { chatId: toGlobalId('Chat', chatId) } })
      .subscribe({ next: (event) => received.push(event.data!.messageAdded.text) });
    const SEND = gql('mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }');
    await sendUntilReceived(received, (text) => sender.client.mutate({ mutation: SEND, variables: { input: { chatId: toGlobalId('Chat', chatId), text } } }));
    subscription.unsubscribe();
    expect(received[0]).toMatch(/^hello [1-9]\d*$/);
  } finally {
    await sender.socket.dispose();
    await receiver.socket.dispose();
  }
});

test('urql with subscriptionExchange over graphql-ws streams a subscription; its queries still go over GET', async () => {
  const socket = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams: () => ({ Authorization: `Bearer ${bob.token}` }), retryAttempts: 0 });
  const client = createUrqlClient({
    url: `${gw.url}/graphql`,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${bob.token}` } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  try {
    const { result, sent } = await recordRequests(() => client.query(VIEWER, {}).toPromise());
    expect(result.data.viewer.username).toMatch(/^client/);
    expect(sent.map((request) => request.method)).toEqual(['GET']);

    const chatId = await chatOfAnnAndBob();
    const received: string[] = [];
    const subscription = client.subscription(MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) }).subscribe((event) => event.data && received.push(event.data.messageAdded.text));
    await sendUntilReceived(received, (text) =>
      gw.gql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }', { input: { chatId: toGlobalId('Chat', chatId), text } }, ann.token),
    );
    subscription.unsubscribe();
    expect(received[0]).toMatch(/^hello [1-9]\d*$/);
  } finally {
    await socket.dispose();
  }
});
