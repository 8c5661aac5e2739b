import { toGlobalId } from '../../src/graphql/node';
import type { Client } from 'graphql-ws';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, newMembers, ok } from '../support/graphql';
import { expectError, social } from '../support/social';
import { closeGateway, wsClient } from '../support/ws';
import { waitFor, sleep } from '../support/wait';
import { chatGid, messageInput, userGid } from './ids';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => closeGateway(gw));

/** The variables with numbers where the chat fields take global ids: `c` a chat, `ids` users, `input` a SendMessageInput. */
function withGlobalIds(variables: Record<string, unknown>): Record<string, unknown> {
  const out = { ...variables };
  if (typeof out.c === 'number') out.c = chatGid(out.c);
  if (Array.isArray(out.ids)) out.ids = out.ids.map((id) => (typeof id === 'number' ? userGid(id) : id));
  if (out.input && typeof out.input === 'object') out.input = messageInput(out.input as Record<string, unknown>);
  return out;
}
const as = (member: Member, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, withGlobalIds(variables), member.token);
const members = (n: number) => newMembers(gw, n, 'rules');

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId chatId: chatDatabaseId } }';
const GROUP = 'mutation($t: String!, $ids: [ID!]!) { createGroupChat(input: { title: $t, userIds: $ids }) { id: databaseId participants { userId: userDatabaseId role } } }';
const ADD = 'mutation($c: ID!, $ids: [ID!]!) { addParticipants(input: { chatId: $c, userIds: $ids }) { id: databaseId participants { userId: userDatabaseId } } }';
const LEAVE = 'mutation($c: ID!) { leaveChat(chatId: $c) }';
const BLOCK = 'mutation($id: ID!) { blockUser(userId: $id) }';
const FOLLOW = 'mutation($id: ID!) { followUser(userId: $id) }';
const COLOR = 'mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }';

/** Sets WoWonder's message_privacy (0 everyone, 1 people I follow, 2 nobody) in the database: the rule under test is the chat domain's. */
const setMessagePrivacy = (user: Member, value: number) => gw.app.database.db.updateTable('users').set({ message_privacy: value }).where('id', '=', user.id).execute();

const chatWrites = async () => ({ chats: await gw.count('chats'), participants: await gw.count('chat_participants'), messages: await gw.count('messages') });

/** A chat API send: Bearer token, the message in the JSON body. */
const chatApiSend = (from: Member, chatId: number, message: string) => gw.http('POST', `/api/chats/${chatId}/messages`, { json: { message }, headers: { authorization: `Bearer ${from.token}` } });

describe('blocks hold in group chats', () => {
  test('neither side of a block can put the other in a group, at creation or later; nothing is written', async () => {
    const [ann, bob, cat] = await members(3);
    ok(await as(bob, BLOCK, { id: toGlobalId('User', ann.id) }));
    const before = await chatWrites();
    expect(code(await as(ann, GROUP, { t: 'with the blocker', ids: [bob.id, cat.id] }))).toBe('FORBIDDEN');
    expect(code(await as(bob, GROUP, { t: 'with the blocked', ids: [ann.id] }))).toBe('FORBIDDEN');
    expect(await chatWrites()).toEqual(before);

    const annGroup = ok(await as(ann, GROUP, { t: 'ann and cat', ids: [cat.id] })).createGroupChat.id;
    const bobGroup = ok(await as(bob, GROUP, { t: 'bob and cat', ids: [cat.id] })).createGroupChat.id;
    const res = await as(ann, ADD, { c: annGroup, ids: [bob.id] });
    expect([code(res), res.body.errors[0].message]).toEqual(['FORBIDDEN', `User ${bob.id} does not accept being added to chats by you`]);
    expect(code(await as(bob, ADD, { c: bobGroup, ids: [ann.id] }))).toBe('FORBIDDEN');
    const participants = await gw.app.database.db.selectFrom('chat_participants').select('user_id').where('chat_id', 'in', [annGroup, bobGroup]).execute();
    expect(participants.map((p) => p.user_id).sort()).toEqual([ann.id, bob.id, cat.id, cat.id].sort());
  });

  test('in a group that held both before the block, the group still talks; no direct path opens between them', async () => {
    const [ann, bob] = await members(2);
    const group = ok(await as(ann, GROUP, { t: 'before the block', ids: [bob.id] })).createGroupChat.id;
    ok(await as(bob, BLOCK, { id: toGlobalId('User', ann.id) }));
    expect(ok(await as(ann, SEND, { input: { chatId: group, text: 'to the group' } })).sendMessage.chatId).toBe(group);
    const before = await chatWrites();
    expect(code(await as(ann, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'to bob alone' } }))).toBe('FORBIDDEN');
    expect(code(await as(ann, COLOR, { with: toGlobalId('User', bob.id) }))).toBe('FORBIDDEN');
    expectError(await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'blocked-1', text: 'hi' }, ann.token), 5);
    expect(await chatWrites()).toEqual(before);
  });
});

describe('message_privacy, from every door', () => {
  test('2 (nobody): GraphQL, social send-message and the chat API refuse a first message; nothing is written', async () => {
    const [ann, bob] = await members(2);
    const direct = ok(await as(ann, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'before' } })).sendMessage.chatId;
    const [cat] = await members(1);
    await setMessagePrivacy(bob, 2);
    await setMessagePrivacy(cat, 2);
    const before = await chatWrites();
    expect(code(await as(ann, SEND, { input: { toUserId: toGlobalId('User', cat.id), text: 'hello' } }))).toBe('FORBIDDEN');
    expect(code(await as(ann, SEND, { input: { chatId: direct, text: 'again' } }))).toBe('FORBIDDEN');
    expectError(await social(gw, 'send-message', { user_id: String(cat.id), message_hash_id: 'privacy-1', text: 'hi' }, ann.token), 5, 'This user does not accept messages from you');
    const viaChatApi = await chatApiSend(ann, direct, 'again');
    expect(viaChatApi.status).toBe(403);
    expect(viaChatApi.body).toEqual({ status: 'error', message: 'This user does not accept messages from you' });
    expect(code(await as(ann, COLOR, { with: toGlobalId('User', cat.id) }))).toBe('FORBIDDEN');
    expect(await chatWrites()).toEqual(before);
  });

  test('once the private user has written in the conversation, the other may answer', async () => {
    const [ann, bob] = await members(2);
    await setMessagePrivacy(bob, 2);
    const chatId = ok(await as(bob, SEND, { input: { toUserId: toGlobalId('User', ann.id), text: 'I start' } })).sendMessage.chatId;
    expect(ok(await as(ann, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'I answer' } })).sendMessage.chatId).toBe(chatId);
    expect((await chatApiSend(ann, chatId, 'and again')).status).toBe(200);
  });

  test('1 (people I follow): only users the recipient follows may write first or add them to a group', async () => {
    const [ann, bob, cat] = await members(3);
    await setMessagePrivacy(bob, 1);
    ok(await as(bob, FOLLOW, { id: toGlobalId('User', ann.id) }));
    ok(await as(ann, FOLLOW, { id: toGlobalId('User', cat.id) })); // the wrong direction: cat follows nobody
    expect(ok(await as(ann, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'followed' } })).sendMessage.id).toEqual(expect.any(Number));
    expect(code(await as(cat, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'not followed' } }))).toBe('FORBIDDEN');
    expect(ok(await as(ann, GROUP, { t: 'ann adds bob', ids: [bob.id] })).createGroupChat.participants).toHaveLength(2);
    expect(code(await as(cat, GROUP, { t: 'cat adds bob', ids: [bob.id] }))).toBe('FORBIDDEN');
  });

  test('2 (nobody): nobody adds them to a group chat', async () => {
    const [ann, bob, cat] = await members(3);
    await setMessagePrivacy(bob, 2);
    const before = await chatWrites();
    expect(code(await as(ann, GROUP, { t: 'no', ids: [bob.id, cat.id] }))).toBe('FORBIDDEN');
    expect(await chatWrites()).toEqual(before);
    const group = ok(await as(ann, GROUP, { t: 'ann and cat', ids: [cat.id] })).createGroupChat.id;
    expect(code(await as(ann, ADD, { c: group, ids: [bob.id] }))).toBe('FORBIDDEN');
  });
});

describe('leaveChat', () => {
  const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text } }';

  /** A running messageAdded subscription of `member` on its own socket, collecting texts. */
  function subscribe(member: Member, chatId: number): { client: Client; texts: string[]; ended: boolean } {
    const client = wsClient(gw, { Authorization: `Bearer ${member.token}` });
    const stream = { client, texts: [] as string[], ended: false };
    client.subscribe<{ messageAdded: { text: string } }>(
      { query: MESSAGE_ADDED, variables: { chatId: chatGid(chatId) } },
      {
        next: (result) => result.data && stream.texts.push(result.data.messageAdded.text),
        error: () => (stream.ended = true),
        complete: () => (stream.ended = true),
      },
    );
    return stream;
  }

  test('a participant who leaves no longer reads the chat nor receives its messages over a running subscription', async () => {
    const [ann, bob, cat] = await members(3);
    const group = ok(await as(ann, GROUP, { t: 'leavers', ids: [bob.id, cat.id] })).createGroupChat.id;
    const bobs = subscribe(bob, group);
    const cats = subscribe(cat, group);
    // Both streams listen once a message reaches both.
    await waitFor(
      async () => {
        if (bobs.texts.includes('warm-up') && cats.texts.includes('warm-up')) return true;
        ok(await as(ann, SEND, { input: { chatId: group, text: 'warm-up' } }));
        await sleep(100);
        return bobs.texts.includes('warm-up') && cats.texts.includes('warm-up');
      },
      5000,
      'both subscriptions listening',
    );

    expect(ok(await as(cat, LEAVE, { c: group })).leaveChat).toBe(chatGid(group));
    ok(await as(ann, SEND, { input: { chatId: group, text: 'after cat left' } }));
    await waitFor(() => bobs.texts.includes('after cat left'), 5000, "bob's message");
    await sleep(300);
    expect(cats.texts).not.toContain('after cat left');

    expect(code(await as(cat, 'query($c: ID!) { messages(chatId: $c) { edges { node { id: databaseId } } } }', { c: group }))).toBe('FORBIDDEN');
    expect(code(await as(cat, SEND, { input: { chatId: group, text: 'back door' } }))).toBe('FORBIDDEN');
    const chatApi = await gw.http('GET', `/api/chats/${group}/messages`, { headers: { authorization: `Bearer ${cat.token}` } });
    expect(chatApi.status).toBe(403);
    expect(ok(await as(cat, 'query { chats { nodes { id: databaseId } } }')).chats.nodes).toEqual([]);
    expect(code(await as(cat, LEAVE, { c: group }))).toBe('FORBIDDEN');
  });

  test('the last admin leaving makes the longest-standing member admin; the last one leaving leaves the chat to nobody', async () => {
    const [ann, bob, cat] = await members(3);
    const group = ok(await as(ann, GROUP, { t: 'succession', ids: [bob.id, cat.id] })).createGroupChat.id;
    ok(await as(ann, SEND, { input: { chatId: group, text: 'history' } }));
    ok(await as(ann, LEAVE, { c: group }));
    const roles = ok(await as(bob, 'query($c: ID!) { chat(id: $c) { participants { userId: userDatabaseId role } } }', { c: group })).chat.participants;
    expect(roles).toEqual([
      { userId: bob.id, role: 'ADMIN' },
      { userId: cat.id, role: 'MEMBER' },
    ]);
    expect(ok(await as(bob, ADD, { c: group, ids: [ann.id] })).addParticipants.participants).toHaveLength(3);
    for (const member of [ann, bob, cat]) ok(await as(member, LEAVE, { c: group }));
    expect(await gw.app.database.db.selectFrom('chat_participants').select('id').where('chat_id', '=', group).execute()).toEqual([]);
    expect(await gw.app.database.db.selectFrom('messages').select('body').where('chat_id', '=', group).execute()).toEqual([{ body: 'history' }]);
  });

  test('a direct chat cannot be left (BAD_USER_INPUT)', async () => {
    const [ann, bob] = await members(2);
    const direct = ok(await as(ann, SEND, { input: { toUserId: toGlobalId('User', bob.id), text: 'hi' } })).sendMessage.chatId;
    expect(code(await as(ann, LEAVE, { c: direct }))).toBe('BAD_USER_INPUT');
  });
});
