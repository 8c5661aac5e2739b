import type { FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';
import { Topic } from '../../src/graphql/pubsub';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';
import { social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

/** A subscription's results: `events` holds each result's data (the whole result when it has errors). */
type Stream = { client: Client; events: any[]; errors: unknown[]; probes: number; completed: boolean };

const PROBE = '__probe__';
const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text senderId: senderDatabaseId chatId: chatDatabaseId } }';
const MESSAGE_UPDATED = 'subscription($chatId: ID!) { messageUpdated(chatId: $chatId) { id: databaseId text deleted } }';
const TYPING_CHANGED = 'subscription($chatId: ID!) { typingChanged(chatId: $chatId) { chatId: chatDatabaseId userId: userDatabaseId typing expiresAt } }';
const CHAT_UPDATED = 'subscription { chatUpdated { id: databaseId unreadCount pinned } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a wrongly published event to have arrived. */
const quiet = () => sleep(300);

/** Polls until `predicate` holds; fails after `ms`. */
async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(20);
  }
}

/** Opens a socket of `member` at once and resolves when the server has accepted it. */
async function openSocket(member: Member, g = gw): Promise<Client> {
  const client = wsClient(g, { Authorization: `Bearer ${member.token}` }, { lazy: false });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return client;
}

function isProbe(result: FormattedExecutionResult<Record<string, any>, unknown>): boolean {
  const value = result.data ? Object.values(result.data)[0] : undefined;
  return value?.text === PROBE || value?.userId === 0 || result.errors?.[0]?.message === 'Chat 0 does not exist';
}

/** Subscribes with `variables`; a chatId given as a number is sent as the chat's global id. */
function collect(client: Client, query: string, variables: Record<string, unknown> = {}): Stream {
  const stream: Stream = { client, events: [], errors: [], probes: 0, completed: false };
  const sent = typeof variables.chatId === 'number' ? { ...variables, chatId: toGlobalId('Chat', variables.chatId) } : variables;
  client.subscribe<Record<string, any>>(
    { query, variables: sent },
    {
      next: (result) => (isProbe(result) ? stream.probes++ : stream.events.push(result.errors ? result : result.data)),
      error: (error) => stream.errors.push(error),
      complete: () => (stream.completed = true),
    },
  );
  return stream;
}

/** Publishes a marker event on `topic` straight on the pubsub, addressed to `viewerId`; `collect` counts it apart. */
function probe(g: TestGateway, topic: Topic, viewerId: number, chatId: number): void {
  const pubsub = g.app.gateway.services.pubsub;
  const audience = { chatId, userIds: [viewerId] };
  if (topic === Topic.MessageAdded || topic === Topic.MessageUpdated) {
    const message = {
      id: 0,
      chat_id: chatId,
      sender_id: 0,
      body: PROBE,
      media_url: null,
      media_type: null,
      reply_to_id: null,
      hash_id: null,
      created_at: new Date().toISOString(),
      edited_at: null,
      deleted_at: null,
    };
    pubsub.publish(topic, { ...audience, message });
  } else if (topic === Topic.TypingChanged) pubsub.publish(topic, { ...audience, userId: 0, typing: false, expiresAt: null });
  else if (topic === Topic.ChatUpdated) pubsub.publish(topic, { chatId: 0, userIds: [viewerId] });
  else if (topic === Topic.PresenceChanged) pubsub.publish(topic, { userId: 0, presence: 'offline', lastSeenAt: null });
}

/**
 * Subscribes on a new socket of `viewer` and resolves once the server streams to it: until then a
 * marker event is published every 50 ms, so no real event can be sent before the subscription listens.
 */
async function listen(viewer: Member, topic: Topic, query: string, variables: Record<string, unknown> = {}, g = gw): Promise<Stream> {
  const stream = collect(wsClient(g, { Authorization: `Bearer ${viewer.token}` }), query, variables);
  const deadline = Date.now() + 3000;
  while (stream.probes === 0) {
    if (stream.completed || stream.errors.length > 0 || stream.events.length > 0 || Date.now() > deadline) {
      throw new Error(`subscription did not start: ${JSON.stringify({ events: stream.events, errors: stream.errors })}`);
    }
    probe(g, topic, viewer.id, (variables.chatId as number | undefined) ?? 0);
    await sleep(50);
  }
  return stream;
}

const members = (n: number, g = gw) => newMembers(g, n, 'chatsub');

async function gqlData(query: string, variables: Record<string, unknown>, token: string, g = gw): Promise<any> {
  const { body } = await g.gql(query, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** The direct chat of two members, opened without sending a message. */
async function directChat(a: Member, b: Member, g = gw): Promise<number> {
  const data = await gqlData('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }', { with: toGlobalId('User', b.id) }, a.token, g);
  return data.setChatColor.id;
}

/** Sends one message each through the social API, the chat API and GraphQL; returns their ids. */
async function sendThreeWays(from: Member, to: Member, chatId: number, hash: string): Promise<number[]> {
  const viaSocial = await social(gw, 'send-message', { user_id: String(to.id), message_hash_id: hash, text: 'via social' }, from.token);
  expect(viaSocial.body.api_status).toBe(200);
  const viaChat = await gw.http('POST', `/api/chats/${chatId}/messages`, { json: { message: 'via chat api' }, headers: { authorization: `Bearer ${from.token}` } });
  expect(viaChat.status).toBe(200);
  const viaGraphql = await gqlData(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'via graphql' } }, from.token);
  return [Number(viaSocial.body.message_data[0].id), viaChat.body.data.id, viaGraphql.sendMessage.id];
}

describe('messageAdded', () => {
  test('streams a message sent through the social API, the chat API and GraphQL exactly once each; a retried social send publishes nothing', async () => {
    const [ann, bob] = await members(2);
    const chatId = await directChat(ann, bob);
    const stream = await listen(bob, Topic.MessageAdded, MESSAGE_ADDED, { chatId });
    const ids = await sendThreeWays(ann, bob, chatId, 'hash-1');
    const retry = await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'hash-1', text: 'via social' }, ann.token);
    expect(Number(retry.body.message_data[0].id)).toBe(ids[0]);
    await waitFor(() => stream.events.length >= 3);
    await quiet();
    expect(stream.events).toEqual([
      { messageAdded: { id: ids[0], text: 'via social', senderId: ann.id, chatId } },
      { messageAdded: { id: ids[1], text: 'via chat api', senderId: ann.id, chatId } },
      { messageAdded: { id: ids[2], text: 'via graphql', senderId: ann.id, chatId } },
    ]);
    expect(stream.errors).toEqual([]);
  });

  test('a subscriber of another chat receives none of those messages', async () => {
    const [ann, bob, carol, dave] = await members(4);
    const chatId = await directChat(ann, bob);
    const bobs = await listen(bob, Topic.MessageAdded, MESSAGE_ADDED, { chatId });
    const carols = await listen(carol, Topic.MessageAdded, MESSAGE_ADDED, { chatId: await directChat(carol, dave) });
    await sendThreeWays(ann, bob, chatId, 'hash-2');
    await waitFor(() => bobs.events.length === 3);
    await quiet();
    expect(carols.events).toEqual([]);
    expect(carols.errors).toEqual([]);
  });

  test('a direct chat of others answers NOT_FOUND and streams nothing', async () => {
    const [ann, bob, eve] = await members(3);
    const chatId = await directChat(ann, bob);
    const stream = collect(wsClient(gw, { Authorization: `Bearer ${eve.token}` }), MESSAGE_ADDED, { chatId });
    await waitFor(() => stream.completed);
    await gqlData(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'private' } }, ann.token);
    await quiet();
    expect(stream.events).toEqual([{ errors: [expect.objectContaining({ message: `Chat ${chatId} does not exist`, extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] }]);
  });

  test('a socket without credentials, or with a bad token, is closed with 4403', async () => {
    const [ann, bob] = await members(2);
    const chatId = await directChat(ann, bob);
    for (const params of [{}, { Authorization: 'Bearer not-a-token' }]) {
      let stream: Stream | undefined;
      const code = await new Promise<number>((resolve) => {
        stream = collect(wsClient(gw, params, { onClose: resolve }), MESSAGE_ADDED, { chatId });
      });
      expect(code).toBe(4403);
      expect(stream!.events).toEqual([]);
    }
  });
});

test('messageUpdated streams an edit and a delete to the other participant', async () => {
  const [ann, bob] = await members(2);
  const chatId = await directChat(ann, bob);
  const { sendMessage } = await gqlData(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'first draft' } }, ann.token);
  const stream = await listen(bob, Topic.MessageUpdated, MESSAGE_UPDATED, { chatId });
  await gqlData('mutation($id: ID!) { editMessage(input: { messageId: $id, text: "final text" }) { id: databaseId } }', { id: toGlobalId('Message', sendMessage.id) }, ann.token);
  await gqlData('mutation($id: ID!) { deleteMessage(messageId: $id) }', { id: toGlobalId('Message', sendMessage.id) }, ann.token);
  await waitFor(() => stream.events.length >= 2);
  await quiet();
  expect(stream.events).toEqual([{ messageUpdated: { id: sendMessage.id, text: 'final text', deleted: false } }, { messageUpdated: { id: sendMessage.id, text: '', deleted: true } }]);
});

describe('typingChanged', () => {
  const typing = (from: Member, to: Member, status: 'typing' | 'stopped', g = gw) => social(g, 'set-chat-typing-status', { user_id: String(to.id), status }, from.token);
  const states = (stream: Stream) => stream.events.map((e) => [e.typingChanged.userId, e.typingChanged.typing, e.typingChanged.expiresAt === null]);

  test('typing then stopped through the social API reach the other participant', async () => {
    const [ann, bob] = await members(2);
    const chatId = await directChat(ann, bob);
    const stream = await listen(bob, Topic.TypingChanged, TYPING_CHANGED, { chatId });
    expect((await typing(ann, bob, 'typing')).body.api_status).toBe(200);
    expect((await typing(ann, bob, 'stopped')).body.api_status).toBe(200);
    await waitFor(() => stream.events.length >= 2);
    await quiet();
    expect(stream.events).toEqual([
      { typingChanged: { chatId, userId: ann.id, typing: true, expiresAt: expect.any(String) } },
      { typingChanged: { chatId, userId: ann.id, typing: false, expiresAt: null } },
    ]);
  });

  test('a typing never stopped lapses: the sweeper publishes typing: false', async () => {
    const g = await startTestGateway({ TYPING_TIMEOUT_SECONDS: '1' });
    try {
      const [ann, bob] = await members(2, g);
      const stream = await listen(bob, Topic.TypingChanged, TYPING_CHANGED, { chatId: await directChat(ann, bob, g) }, g);
      expect((await typing(ann, bob, 'typing', g)).body.api_status).toBe(200);
      const started = Date.now();
      await waitFor(() => stream.events.length >= 2, 3500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(800);
      expect(states(stream)).toEqual([
        [ann.id, true, false],
        [ann.id, false, true],
      ]);
      expect(await g.count('chat_typing')).toBe(0);
    } finally {
      await closeGateway(g);
    }
  });

  test("closing the typer's only socket ends their typing for the others", async () => {
    const [ann, bob] = await members(2);
    const chatId = await directChat(ann, bob);
    const anns = await listen(ann, Topic.TypingChanged, TYPING_CHANGED, { chatId });
    const bobs = await listen(bob, Topic.TypingChanged, TYPING_CHANGED, { chatId });
    await typing(ann, bob, 'typing');
    await waitFor(() => bobs.events.length === 1 && anns.events.length === 1);
    await anns.client.dispose();
    await waitFor(() => bobs.events.length >= 2);
    await quiet();
    expect(states(bobs)).toEqual([
      [ann.id, true, false],
      [ann.id, false, true],
    ]);
    expect(await gw.count('chat_typing')).toBe(0);
  });
});

test('chatUpdated reaches both participants with fresh unread counts, and a pin only the caller', async () => {
  const [ann, bob] = await members(2);
  const chatId = await directChat(ann, bob);
  const anns = await listen(ann, Topic.ChatUpdated, CHAT_UPDATED);
  const bobs = await listen(bob, Topic.ChatUpdated, CHAT_UPDATED);
  for (const [n, text] of [
    [1, 'one'],
    [2, 'two'],
  ] as const) {
    await gqlData(SEND, { input: { chatId: toGlobalId('Chat', chatId), text } }, ann.token);
    await waitFor(() => anns.events.length >= n && bobs.events.length >= n);
  }
  await gqlData('mutation($chatId: ID!) { setChatPinned(input: { chatId: $chatId, pinned: true }) { id: databaseId } }', { chatId: toGlobalId('Chat', chatId) }, bob.token);
  await waitFor(() => bobs.events.length >= 3);
  await quiet();
  expect(bobs.events).toEqual([
    { chatUpdated: { id: chatId, unreadCount: 1, pinned: false } },
    { chatUpdated: { id: chatId, unreadCount: 2, pinned: false } },
    { chatUpdated: { id: chatId, unreadCount: 2, pinned: true } },
  ]);
  expect(anns.events).toEqual([{ chatUpdated: { id: chatId, unreadCount: 0, pinned: false } }, { chatUpdated: { id: chatId, unreadCount: 0, pinned: false } }]);
});

test('an open socket makes its user ONLINE; closing their last socket makes them OFFLINE with a lastSeenAt', async () => {
  const [watcher, target] = await members(2);
  const stream = await listen(watcher, Topic.PresenceChanged, 'subscription($ids: [ID!]!) { presenceChanged(userIds: $ids) { userId: userDatabaseId presence lastSeenAt } }', {
    ids: [target.id, 0].map((id) => toGlobalId('User', id)),
  });
  const presence = async () => (await gqlData('query($id: ID!) { user(id: $id) { presence lastSeenAt } }', { id: toGlobalId('User', target.id) }, watcher.token)).user;
  expect(await presence()).toEqual({ presence: 'OFFLINE', lastSeenAt: null });

  const first = await openSocket(target);
  const second = await openSocket(target);
  await waitFor(() => stream.events.length >= 1);
  expect(await presence()).toEqual({ presence: 'ONLINE', lastSeenAt: expect.any(String) });

  await first.dispose();
  await quiet();
  expect(await presence()).toEqual({ presence: 'ONLINE', lastSeenAt: expect.any(String) });
  await second.dispose();
  await waitFor(() => stream.events.length >= 2);
  await quiet();
  expect(stream.events).toEqual([
    { presenceChanged: { userId: target.id, presence: 'ONLINE', lastSeenAt: expect.any(String) } },
    { presenceChanged: { userId: target.id, presence: 'OFFLINE', lastSeenAt: expect.any(String) } },
  ]);
  const offline = await presence();
  expect(offline).toEqual({ presence: 'OFFLINE', lastSeenAt: stream.events[1].presenceChanged.lastSeenAt });
});

test('the gateway stops while a client is still connected', async () => {
  const g = await startTestGateway();
  const [ann] = await members(1, g);
  const client = await openSocket(ann, g);
  const closing = g.close();
  const outcome = await Promise.race([closing.then(() => 'closed'), sleep(3000).then(() => 'still open')]);
  await client.dispose();
  await closing;
  expect(outcome).toBe('closed');
});
