import { Topic } from '../../src/graphql/pubsub';
import type { TestGateway } from '../support/gateway';
import { type Member, newMembers } from '../support/graphql';
import { social } from '../support/social';
import { collect, PROBE, type Stream, wsClient } from '../support/ws';
import { describeWithRedis, type GatewayPair, sleep, startGatewayPair, waitFor } from './two-gateways';
import { toGlobalId } from '../../src/graphql/node';

const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text senderId: senderDatabaseId chatId: chatDatabaseId createdAt } }';
const TYPING_CHANGED = 'subscription($chatId: ID!) { typingChanged(chatId: $chatId) { chatId: chatDatabaseId userId: userDatabaseId typing expiresAt } }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId createdAt } }';

/** A marker event straight on `from`'s pubsub: it reaches the other instance only through Redis. */
function probe(from: TestGateway, topic: Topic.MessageAdded | Topic.TypingChanged, viewerId: number, chatId: number): void {
  const audience = { chatId, userIds: [viewerId] };
  const pubsub = from.app.gateway.services.pubsub;
  if (topic === Topic.TypingChanged) return pubsub.publish(topic, { ...audience, userId: 0, typing: false, expiresAt: null });
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
}

/** Subscribes on `on` and resolves once events published on `from` stream to it (Redis subscribed on both ends). */
async function listen(viewer: Member, on: TestGateway, from: TestGateway, topic: Topic.MessageAdded | Topic.TypingChanged, query: string, chatId: number): Promise<Stream> {
  const stream = collect(wsClient(on, { Authorization: `Bearer ${viewer.token}` }), query, { chatId: toGlobalId('Chat', chatId) });
  await waitFor(() => {
    if (stream.errors.length > 0 || stream.events.length > 0) throw new Error(`subscription did not start: ${JSON.stringify(stream)}`);
    if (stream.probes === 0) probe(from, topic, viewer.id, chatId);
    return stream.probes > 0;
  });
  return stream;
}

async function directChat(gw: TestGateway, a: Member, b: Member): Promise<number> {
  const { body } = await gw.gql('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }', { with: toGlobalId('User', b.id) }, a.token);
  return body.data.setChatColor.id;
}

describeWithRedis('pubsub over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('pubsub', { TYPING_TIMEOUT_SECONDS: '1' });
  });
  afterAll(() => pair.close());

  test('/healthz says Redis is ready on both', async () => {
    for (const gw of [pair.a, pair.b]) expect(await gw.http('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok', redis: 'ready' } });
  });

  test('a messageAdded published on A reaches a subscriber on A and one on B exactly once each, with the same fields', async () => {
    const { a, b } = pair;
    const [ann, bob] = await newMembers(a, 2, 'redispub');
    const chatId = await directChat(a, ann, bob);
    const onA = await listen(bob, a, b, Topic.MessageAdded, MESSAGE_ADDED, chatId);
    const onB = await listen(bob, b, a, Topic.MessageAdded, MESSAGE_ADDED, chatId);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push((await a.gql(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: `hello ${i}` } }, ann.token)).body.data.sendMessage);
    const expected = sent.map((m, i) => ({ messageAdded: { id: m.id, text: `hello ${i}`, senderId: ann.id, chatId, createdAt: m.createdAt } }));
    await waitFor(() => onA.events.length >= 5 && onB.events.length >= 5);
    await sleep(300);
    expect(onA.events).toEqual(expected);
    expect(onB.events).toEqual(expected);
    expect([...onA.errors, ...onB.errors]).toEqual([]);
  });

  test('messages sent through both instances reach a subscriber on either, each once', async () => {
    const { a, b } = pair;
    const [ann, bob] = await newMembers(b, 2, 'redispub');
    const chatId = await directChat(b, ann, bob);
    const onA = await listen(ann, a, b, Topic.MessageAdded, MESSAGE_ADDED, chatId);
    const onB = await listen(bob, b, a, Topic.MessageAdded, MESSAGE_ADDED, chatId);
    const viaSocial = await social(a, 'send-message', { user_id: String(bob.id), message_hash_id: 'redis-1', text: 'via social on A' }, ann.token);
    const viaChat = await b.http('POST', `/api/chats/${chatId}/messages`, { json: { message: 'via chat api on B' }, headers: { authorization: `Bearer ${bob.token}` } });
    const ids = [Number(viaSocial.body.message_data[0].id), viaChat.body.data.id];
    await waitFor(() => onA.events.length >= 2 && onB.events.length >= 2);
    await sleep(300);
    for (const stream of [onA, onB]) expect(stream.events.map((e) => e.messageAdded.id)).toEqual(ids);
  });

  test('the channels carry REDIS_PREFIX, so gateways with another prefix never hear them', async () => {
    const { a, prefix, redis } = pair;
    const channels = await redis.pubsub('CHANNELS', `*${Topic.MessageAdded}`);
    expect(channels).toContain(`${prefix}${Topic.MessageAdded}`);
    expect(channels).not.toContain(Topic.MessageAdded);
    expect(a.app.gateway.services.redis?.key('x')).toBe(`${prefix}x`);
  });

  test('a typing that lapses is published once, by one sweeper, to a subscriber on the other instance', async () => {
    const { a, b } = pair;
    const [ann, bob] = await newMembers(a, 2, 'redistype');
    const chatId = await directChat(a, ann, bob);
    const onB = await listen(bob, b, a, Topic.TypingChanged, TYPING_CHANGED, chatId);
    expect((await social(a, 'set-chat-typing-status', { user_id: String(bob.id), status: 'typing' }, ann.token)).body.api_status).toBe(200);
    await waitFor(() => onB.events.length >= 2, 4000);
    await sleep(2500); // both sweepers run each second: a second typing: false would have come by now
    expect(onB.events.map((e) => [e.typingChanged.userId, e.typingChanged.typing])).toEqual([
      [ann.id, true],
      [ann.id, false],
    ]);
  });
});
