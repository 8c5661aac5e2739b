import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Topic } from '../../src/graphql/pubsub';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type Member, newMembers, ok } from '../support/graphql';
import { closeGateway, disposeClients, wsClient } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

/** One subscription's results (the data, or the whole result when it has errors) and whether it ended. */
type Stream = { events: any[]; errors: unknown[]; probes: number; completed: boolean; unsubscribe: () => void };

const PROBE = '__probe__';
/** The id of every message `publish` sends straight on the pubsub; real ones start at 1. */
const PROBE_ID = 0;
const SHARED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text createdAt sender { id: databaseId username } } }';
const WITH_EMAIL = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text createdAt sender { id: databaseId username email } } }';
const THROUGH_FRAGMENTS =
  'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { ...Shown } } fragment Shown on Message { __typename id: databaseId sender { ... on User { id: databaseId name } } }';
const STARRED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { ...Shown } } fragment Shown on Message { id: databaseId ... on Message { starred } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }';
const GROUP = 'mutation($title: String!, $userIds: [ID!]!) { createGroupChat(input: { title: $title, userIds: $userIds }) { id: databaseId } }';

let gw: TestGateway;
let crowd: Member[];
let crowdChat: number;
beforeAll(async () => {
  gw = await startTestGateway();
  crowd = await newMembers(gw, 30, 'shared');
  crowdChat = await groupChat(crowd);
});
afterEach(async () => {
  await disposeClients(gw);
  await waitFor(async () => (await metrics()).groups === 0);
});
afterAll(() => closeGateway(gw));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a wrongly delivered event to have arrived. */
const quiet = () => sleep(300);

async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(20);
  }
}

/** A group chat of `members`, created by the first. */
async function groupChat(members: Member[]): Promise<number> {
  const [creator, ...others] = members;
  const data = ok(await gw.gql(GROUP, { title: 'shared execution', userIds: others.map((m) => toGlobalId('User', m.id)) }, creator.token));
  return data.createGroupChat.id;
}

async function send(from: Member, chatId: number, text: string): Promise<number> {
  return ok(await gw.gql(SEND, { input: { chatId: toGlobalId('Chat', chatId), text } }, from.token)).sendMessage.id;
}

/** The gateway's counters, read from GET /metrics. */
async function metrics(): Promise<{ executions: number; deliveries: number; groups: number }> {
  const { status, body } = await gw.http('GET', '/metrics');
  expect(status).toBe(200);
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(body as string)?.[1]);
  return {
    executions: value('gateway_subscription_executions_total'),
    deliveries: value('gateway_subscription_deliveries_total'),
    groups: value('gateway_subscription_groups'),
  };
}

function collect(client: Client, query: string, chatId: number): Stream {
  const stream = { events: [] as any[], errors: [] as unknown[], probes: 0, completed: false, unsubscribe: () => undefined as void };
  stream.unsubscribe = client.subscribe<Record<string, any>>(
    { query, variables: { chatId: toGlobalId('Chat', chatId) } },
    {
      next: (result) => (result.data?.messageAdded?.id === PROBE_ID ? stream.probes++ : stream.events.push(result.errors ? result : result.data)),
      error: (error) => stream.errors.push(error),
      complete: () => (stream.completed = true),
    },
  );
  return stream;
}

/** A message event straight on the pubsub, addressed to `userIds` only; `senderId` must exist unless the test wants errors. */
function publish(chatId: number, userIds: number[], senderId: number, body = PROBE): void {
  const message = {
    id: PROBE_ID,
    chat_id: chatId,
    sender_id: senderId,
    body,
    media_url: null,
    media_type: null,
    reply_to_id: null,
    hash_id: null,
    created_at: new Date().toISOString(),
    edited_at: null,
    deleted_at: null,
  };
  gw.app.gateway.services.pubsub.publish(Topic.MessageAdded, { chatId, userIds, message });
}

/** Subscribes `viewer` on a new socket and resolves once events reach it (a probe every 50 ms until one arrives). */
async function listen(viewer: Member, chatId: number, query = SHARED): Promise<Stream> {
  const stream = collect(wsClient(gw, { Authorization: `Bearer ${viewer.token}` }), query, chatId);
  const deadline = Date.now() + 5000;
  while (stream.probes === 0) {
    if (stream.completed || stream.errors.length > 0 || stream.events.length > 0 || Date.now() > deadline) {
      throw new Error(`subscription did not start: ${JSON.stringify(stream)}`);
    }
    publish(chatId, [viewer.id], viewer.id);
    await sleep(50);
  }
  return stream;
}

/** The counters' change over `action`, once every stream in `streams` has one event more and stray ones had time to arrive. */
async function measure(streams: Stream[], action: () => Promise<unknown>) {
  await quiet();
  const before = await metrics();
  const expected = streams.map((s) => s.events.length + 1);
  await action();
  await waitFor(() => streams.every((s, i) => s.events.length >= expected[i]));
  await quiet();
  const after = await metrics();
  return { executions: after.executions - before.executions, deliveries: after.deliveries - before.deliveries };
}

test('30 subscribers of one chat selecting viewer-independent fields: one execution for the message, 30 deliveries of the same result', async () => {
  const streams = await Promise.all(crowd.map((member) => listen(member, crowdChat)));
  let id = 0;
  const change = await measure(streams, async () => (id = await send(crowd[0], crowdChat, 'hello crowd')));
  expect(change).toEqual({ executions: 1, deliveries: 30 });
  const expected = { messageAdded: { id, text: 'hello crowd', createdAt: expect.any(String), sender: { id: crowd[0].id, username: expect.any(String) } } };
  for (const stream of streams) expect(stream.events).toEqual([expected]);
  expect(new Set(streams.map((s) => JSON.stringify(s.events)))).toHaveProperty('size', 1);
});

test("a subscriber selecting the sender's email is a group of its own and sees it as null; its owner sees it", async () => {
  const [sender, curious, ...rest] = crowd;
  const shared = await Promise.all(rest.map((member) => listen(member, crowdChat)));
  const curiousStream = await listen(curious, crowdChat, WITH_EMAIL);
  const once = await measure([...shared, curiousStream], () => send(sender, crowdChat, 'who am I'));
  expect(once).toEqual({ executions: 2, deliveries: 29 });
  expect(curiousStream.events[0].messageAdded.sender).toEqual({ id: sender.id, username: expect.any(String), email: null });
  expect(shared[0].events[0].messageAdded.sender).toEqual({ id: sender.id, username: expect.any(String) });

  const ownerStream = await listen(sender, crowdChat, WITH_EMAIL);
  const twice = await measure([...shared, curiousStream, ownerStream], () => send(sender, crowdChat, 'me again'));
  expect(twice).toEqual({ executions: 3, deliveries: 30 });
  expect(ownerStream.events[0].messageAdded.sender.email).toMatch(/@example\.com$/);
  expect(curiousStream.events[1].messageAdded.sender.email).toBeNull();
});

test("fragments and inline fragments are looked through: marked fields share one execution, the viewer's starred flag does not", async () => {
  const viewers = crowd.slice(0, 5);
  const shared = await Promise.all(viewers.map((member) => listen(member, crowdChat, THROUGH_FRAGMENTS)));
  expect(await measure(shared, () => send(crowd[0], crowdChat, 'through fragments'))).toEqual({ executions: 1, deliveries: 5 });
  expect(shared[0].events[0].messageAdded).toEqual({ __typename: 'Message', id: expect.any(Number), sender: { id: crowd[0].id, name: expect.any(String) } });
  await disposeClients(gw);

  const starred = await Promise.all(viewers.map((member) => listen(member, crowdChat, STARRED)));
  expect(await measure(starred, () => send(crowd[0], crowdChat, 'per viewer'))).toEqual({ executions: 5, deliveries: 5 });
  expect(starred.map((s) => s.events[0].messageAdded.starred)).toEqual([false, false, false, false, false]);
});

test('an error result is shared too: one execution, the same errors for every subscriber', async () => {
  const streams = await Promise.all(crowd.slice(0, 10).map((member) => listen(member, crowdChat)));
  const unknownSender = 999_999;
  const change = await measure(streams, async () =>
    publish(
      crowdChat,
      crowd.map((m) => m.id),
      unknownSender,
      'orphan',
    ),
  );
  expect(change).toEqual({ executions: 1, deliveries: 10 });
  for (const stream of streams) {
    expect(stream.events).toEqual([expect.objectContaining({ errors: [expect.objectContaining({ path: ['messageAdded', 'sender'] })] })]);
    expect(stream.completed).toBe(false);
  }
  await measure(streams, () => send(crowd[0], crowdChat, 'still streaming'));
  for (const stream of streams) expect(stream.events[1].messageAdded.text).toBe('still streaming');
});

test('two chats are two groups; a non-participant is refused; a completed subscriber stops receiving; no group outlives its subscribers', async () => {
  const [ann, bob, carol, dave, erin, eve] = await newMembers(gw, 6, 'twochats');
  const first = await groupChat([ann, bob, carol]);
  const second = await groupChat([dave, erin]);
  const firsts = await Promise.all([ann, bob, carol].map((member) => listen(member, first)));
  const seconds = await Promise.all([dave, erin].map((member) => listen(member, second)));
  expect((await metrics()).groups).toBe(2);

  const refused = collect(wsClient(gw, { Authorization: `Bearer ${eve.token}` }), SHARED, first);
  await waitFor(() => refused.completed);
  expect(refused.events).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })] }]);
  expect((await metrics()).groups).toBe(2);

  const inFirst = await measure(firsts, () => send(ann, first, 'first chat'));
  expect(inFirst).toEqual({ executions: 1, deliveries: 3 });
  expect(seconds.map((s) => s.events)).toEqual([[], []]);
  const inSecond = await measure(seconds, () => send(dave, second, 'second chat'));
  expect(inSecond).toEqual({ executions: 1, deliveries: 2 });

  const [annStream, ...others] = firsts;
  annStream.unsubscribe();
  const afterLeaving = await measure(others, () => send(bob, first, 'ann left'));
  expect(afterLeaving).toEqual({ executions: 1, deliveries: 2 });
  expect(annStream.events).toHaveLength(1);

  for (const stream of [...others, ...seconds]) stream.unsubscribe();
  await waitFor(async () => (await metrics()).groups === 0);
  expect(refused.events).toHaveLength(1);
});

/** How often `JSON.stringify` wrote a `messageAdded` result with `text` during `action`. */
async function serialisationsOf(text: string, action: () => Promise<unknown>): Promise<number> {
  const stringify = jest.spyOn(JSON, 'stringify');
  try {
    await action();
    return stringify.mock.results.filter((call) => typeof call.value === 'string' && call.value.includes('"messageAdded":{') && call.value.includes(text)).length;
  } finally {
    stringify.mockRestore();
  }
}

test('a shared result is serialised once per event and group; a subscriber with a result of its own gets its own serialisation', async () => {
  const [sender, curious, ...rest] = crowd;
  const shared = await Promise.all(rest.map((member) => listen(member, crowdChat)));
  const curiousStream = await listen(curious, crowdChat, WITH_EMAIL);
  const streams = [...shared, curiousStream];
  const serialisations = await serialisationsOf('serialised once', () => measure(streams, () => send(sender, crowdChat, 'serialised once')));
  expect(serialisations).toBe(2);
  for (const stream of shared) expect(stream.events).toEqual([{ messageAdded: expect.objectContaining({ text: 'serialised once', sender: { id: sender.id, username: expect.any(String) } }) }]);
  expect(new Set(shared.map((s) => JSON.stringify(s.events)))).toHaveProperty('size', 1);
  expect(curiousStream.events).toEqual([{ messageAdded: expect.objectContaining({ text: 'serialised once', sender: { id: sender.id, username: expect.any(String), email: null } }) }]);
});

test('a fault in a shared result is masked per subscriber, each with its own request id', async () => {
  const streams = await Promise.all(crowd.slice(0, 5).map((member) => listen(member, crowdChat)));
  const faulty = () => {
    // A sender id no database accepts: loading the sender fails with the driver's own error, a fault.
    const message = {
      id: PROBE_ID,
      chat_id: crowdChat,
      sender_id: { not: 'an id' } as unknown as number,
      body: 'faulty',
      media_url: null,
      media_type: null,
      reply_to_id: null,
      hash_id: null,
      created_at: new Date().toISOString(),
      edited_at: null,
      deleted_at: null,
    };
    gw.app.gateway.services.pubsub.publish(Topic.MessageAdded, { chatId: crowdChat, userIds: crowd.map((m) => m.id), message });
  };
  const change = await measure(streams, async () => faulty());
  expect(change).toEqual({ executions: 1, deliveries: 5 });
  const errors = streams.map((stream) => stream.events[0].errors);
  for (const error of errors) expect(error).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } })]);
  expect(new Set(errors.map((error) => error[0].extensions.requestId))).toHaveProperty('size', 5);
});

test('a shared next message is the text frame graphql-ws writes: {"id","type","payload"} in that order, nothing else', async () => {
  const [sender, viewer] = crowd;
  await listen(crowd[2], crowdChat);
  const frames: { text: string; binary: boolean }[] = [];
  const socket = new WebSocket(gw.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  socket.on('message', (data, binary) => frames.push({ text: String(data), binary }));
  await new Promise((resolve) => socket.once('open', resolve));
  try {
    socket.send(JSON.stringify({ type: 'connection_init', payload: { token: viewer.token } }));
    await waitFor(() => frames.length === 1);
    socket.send(JSON.stringify({ id: 'raw "1"', type: 'subscribe', payload: { query: SHARED, variables: { chatId: toGlobalId('Chat', crowdChat) } } }));
    await waitFor(async () => {
      publish(crowdChat, [viewer.id], viewer.id);
      await sleep(50);
      return frames.length > 1;
    });
    const id = await send(sender, crowdChat, 'on the wire');
    await waitFor(() => frames.some((frame) => frame.text.includes('on the wire')));
    const frame = frames.find((f) => f.text.includes('on the wire'))!;
    expect(frame.binary).toBe(false);
    const message = JSON.parse(frame.text);
    expect(message).toEqual({
      id: 'raw "1"',
      type: 'next',
      payload: { data: { messageAdded: { id, text: 'on the wire', createdAt: expect.any(String), sender: { id: sender.id, username: expect.any(String) } } } },
    });
    expect(frame.text).toBe(JSON.stringify({ id: message.id, type: message.type, payload: message.payload }));
  } finally {
    socket.close();
  }
});
