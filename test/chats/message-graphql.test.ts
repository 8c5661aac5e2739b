import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';
import { chatGid, messageGid, messageInput } from './ids';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const as = (member: Member | null, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, member?.token);

const SEND =
  'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId chatId: chatDatabaseId senderId: senderDatabaseId text mediaUrl mediaType replyToId: replyToDatabaseId hashId replyTo { id: databaseId text } } }';
const trySend = (from: Member | null, input: Record<string, unknown>) => as(from, SEND, { input: messageInput(input) });
const send = async (from: Member, input: Record<string, unknown>) => ok(await trySend(from, input)).sendMessage;

const MESSAGES = `query($chatId: ID!, $first: Int, $after: String, $last: Int, $before: String, $offset: Int) {
  messages(chatId: $chatId, first: $first, after: $after, last: $last, before: $before, offset: $offset) {
    edges { cursor node { id: databaseId text } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const page = (viewer: Member, chatId: number, args: Record<string, unknown> = {}) => as(viewer, MESSAGES, { chatId: chatGid(chatId), ...args });
const texts = (connection: any): string[] => connection.edges.map((edge: any) => edge.node.text);

const SEARCH = 'query($chatId: ID!, $q: String!) { searchMessages(chatId: $chatId, query: $q) { id: databaseId text } }';
const search = (viewer: Member, chatId: number, q: string) => as(viewer, SEARCH, { chatId: chatGid(chatId), q });

async function rowsWritten() {
  return { messages: await gw.count('messages'), chats: await gw.count('chats'), participants: await gw.count('chat_participants') };
}

describe('sendMessage', () => {
  test('the first message to a user opens their direct chat; later messages from either side reuse it', async () => {
    const [ann, bob] = await Promise.all([gw.member('dm_ann'), gw.member('dm_bob')]);
    const chatsBefore = await gw.count('chats');
    const first = await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'hi bob' });
    expect(first).toMatchObject({ senderId: ann.id, text: 'hi bob', replyToId: null, hashId: null });
    expect(await gw.count('chats')).toBe(chatsBefore + 1);
    const back = await send(bob, { toUserId: toGlobalId('User', ann.id), text: 'hi ann' });
    const again = await send(ann, { chatId: first.chatId, text: 'again' });
    expect([back.chatId, again.chatId]).toEqual([first.chatId, first.chatId]);
    expect(await gw.count('chats')).toBe(chatsBefore + 1);
    const members = await gw.app.database.db.selectFrom('chat_participants').select('user_id').where('chat_id', '=', first.chatId).orderBy('user_id').execute();
    expect(members.map((row) => row.user_id)).toEqual([ann.id, bob.id].sort((x, y) => x - y));
    expect(texts(ok(await page(bob, first.chatId)).messages)).toEqual(['hi bob', 'hi ann', 'again']);
  });

  test('a link-only message is sent; a reply must name a message of the same chat', async () => {
    const [ann, bob, cat] = await Promise.all([gw.member('re_ann'), gw.member('re_bob'), gw.member('re_cat')]);
    const link = await send(ann, { toUserId: toGlobalId('User', bob.id), mediaUrl: 'https://example.com/a.png' });
    expect(link).toMatchObject({ text: '', mediaUrl: 'https://example.com/a.png', mediaType: 'LINK' });
    const reply = await send(bob, { chatId: link.chatId, text: 'nice', replyToId: link.id });
    expect(reply).toMatchObject({ replyToId: link.id, replyTo: { id: link.id, text: '' } });
    const elsewhere = await send(ann, { toUserId: toGlobalId('User', cat.id), text: 'other chat' });
    const before = await rowsWritten();
    const bad = await trySend(bob, { chatId: link.chatId, text: 'x', replyToId: elsewhere.id });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(await rowsWritten()).toEqual(before);
  });

  describe('refuses bad input with BAD_USER_INPUT and writes nothing', () => {
    let ann: Member;
    let bob: Member;
    let chatId: number;
    beforeAll(async () => {
      [ann, bob] = await Promise.all([gw.member('bad_ann'), gw.member('bad_bob')]);
      chatId = (await send(ann, { toUserId: (await gw.member('bad_cat')).id, text: 'an existing chat' })).chatId;
    });

    const cases: [string, () => Record<string, unknown>][] = [
      ['both chatId and toUserId', () => ({ chatId, toUserId: toGlobalId('User', bob.id), text: 'x' })],
      ['neither chatId nor toUserId', () => ({ text: 'x' })],
      ['empty text and no media', () => ({ toUserId: toGlobalId('User', bob.id), text: '' })],
      ['blank text and no media', () => ({ toUserId: toGlobalId('User', bob.id), text: '  \n ' })],
      ['no text at all', () => ({ toUserId: toGlobalId('User', bob.id) })],
      ['text over 10000 characters', () => ({ toUserId: toGlobalId('User', bob.id), text: 'a'.repeat(10_001) })],
      ['an ftp mediaUrl', () => ({ toUserId: toGlobalId('User', bob.id), mediaUrl: 'ftp://example.com/a.png' })],
      ['a javascript: mediaUrl', () => ({ chatId, mediaUrl: 'javascript:alert(1)' })],
      ['yourself as toUserId', () => ({ toUserId: toGlobalId('User', ann.id), text: 'me' })],
    ];
    test.each(cases)('%s', async (_name, input) => {
      const before = await rowsWritten();
      const res = await trySend(ann, input());
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(await rowsWritten()).toEqual(before);
    });

    test('text of exactly 10000 characters is accepted', async () => {
      expect((await send(ann, { chatId, text: 'b'.repeat(10_000) })).text).toHaveLength(10_000);
    });
  });

  test('an unknown user is NOT_FOUND and a send without a token is UNAUTHENTICATED; neither writes', async () => {
    const ann = await gw.member('nf_ann');
    const bob = await gw.member('nf_bob');
    const before = await rowsWritten();
    expect(code(await trySend(ann, { toUserId: 987654, text: 'anyone?' }))).toBe('NOT_FOUND');
    expect(code(await trySend(null, { toUserId: toGlobalId('User', bob.id), text: 'anonymous' }))).toBe('UNAUTHENTICATED');
    expect(await rowsWritten()).toEqual(before);
  });
});

describe('hashId idempotency', () => {
  test('the same hashId from the same sender returns the first message; another sender gets their own', async () => {
    const [ann, bob] = await Promise.all([gw.member('hash_ann'), gw.member('hash_bob')]);
    const chatId = (await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'start' })).chatId;
    const before = await gw.count('messages');
    const first = await send(ann, { chatId, text: 'once', hashId: 'h-1' });
    const repeat = await send(ann, { chatId, text: 'once, retried', hashId: 'h-1' });
    const viaUser = await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'once, via user', hashId: 'h-1' });
    expect([repeat.id, viaUser.id]).toEqual([first.id, first.id]);
    expect(repeat.text).toBe('once');
    expect(await gw.count('messages')).toBe(before + 1);
    const bobs = await send(bob, { chatId, text: 'mine', hashId: 'h-1' });
    expect(bobs.id).not.toBe(first.id);
    expect(bobs).toMatchObject({ senderId: bob.id, text: 'mine', hashId: 'h-1' });
    expect(await gw.count('messages')).toBe(before + 2);
  });

  test('five concurrent sends with one hashId to a new contact make one chat and one message', async () => {
    const [ann, bob] = await Promise.all([gw.member('race_ann'), gw.member('race_bob')]);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => trySend(ann, { toUserId: toGlobalId('User', bob.id), text: `try ${i}`, hashId: 'race-1' })));
    const ids = results.map((res) => ok(res).sendMessage.id);
    expect(new Set(ids).size).toBe(1);
    const db = gw.app.database.db;
    const chats = await db
      .selectFrom('chats')
      .select('id')
      .where('direct_key', '=', [ann.id, bob.id].sort((x, y) => x - y).join(':'))
      .execute();
    expect(chats).toHaveLength(1);
    const messages = await db.selectFrom('messages').select('id').where('chat_id', '=', chats[0].id).execute();
    expect(messages.map((row) => row.id)).toEqual([ids[0]]);
  });
});

describe('blocks', () => {
  test('a send across a block is FORBIDDEN either way, by user or by chat, and writes nothing', async () => {
    const [ann, bob, cat] = await Promise.all([gw.member('blk_ann'), gw.member('blk_bob'), gw.member('blk_cat')]);
    const chatId = (await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'before the block' })).chatId;
    const now = new Date().toISOString();
    await gw.app.database.db
      .insertInto('blocks')
      .values([
        { blocker_id: bob.id, blocked_id: ann.id, created_at: now },
        { blocker_id: cat.id, blocked_id: ann.id, created_at: now },
      ])
      .execute();
    const before = await rowsWritten();
    const attempts = [
      [ann, { chatId, text: 'let me in' }, 'This user does not accept messages from you'],
      [ann, { toUserId: toGlobalId('User', bob.id), text: 'let me in' }, 'This user does not accept messages from you'],
      [bob, { chatId, text: 'blocked you' }, 'You have blocked this user: unblock them to send messages'],
      [ann, { toUserId: toGlobalId('User', cat.id), text: 'new chat?' }, 'This user does not accept messages from you'],
      [cat, { toUserId: toGlobalId('User', ann.id), text: 'new chat?' }, 'You have blocked this user: unblock them to send messages'],
    ] as const;
    for (const [from, input, message] of attempts) {
      const res = await trySend(from, input);
      expect([code(res), res.body.errors?.[0]?.message]).toEqual(['FORBIDDEN', message]);
    }
    expect(await rowsWritten()).toEqual(before);
  });
});

describe('messages: cursor pagination', () => {
  let ann: Member;
  let chatId: number;
  const all = Array.from({ length: 25 }, (_, i) => `m${i + 1}`);
  beforeAll(async () => {
    ann = await gw.member('pg_ann');
    const bob = await gw.member('pg_bob');
    chatId = (await send(ann, { toUserId: toGlobalId('User', bob.id), text: all[0] })).chatId;
    for (const text of all.slice(1)) await send(text.length % 2 ? bob : ann, { chatId, text });
  });

  test('without arguments: the newest 20, oldest to newest', async () => {
    const { messages } = ok(await page(ann, chatId));
    expect(texts(messages)).toEqual(all.slice(5));
    expect(messages.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  test('first/after walks forward in pages of 10, 10 and 5', async () => {
    const seen: [string[], boolean, boolean][] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const { messages }: any = ok(await page(ann, chatId, { first: 10, after }));
      seen.push([texts(messages), messages.pageInfo.hasPreviousPage, messages.pageInfo.hasNextPage]);
      after = messages.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      [all.slice(0, 10), false, true],
      [all.slice(10, 20), true, true],
      [all.slice(20), true, false],
    ]);
    const beyond = ok(await page(ann, chatId, { first: 10, after })).messages;
    expect(beyond).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
  });

  test('last/before walks backwards in pages of 10, 10 and 5', async () => {
    const seen: [string[], boolean, boolean][] = [];
    let before: string | null = null;
    for (let i = 0; i < 3; i++) {
      const { messages }: any = ok(await page(ann, chatId, { last: 10, before }));
      seen.push([texts(messages), messages.pageInfo.hasPreviousPage, messages.pageInfo.hasNextPage]);
      before = messages.pageInfo.startCursor;
    }
    expect(seen).toEqual([
      [all.slice(15), true, false],
      [all.slice(5, 15), true, true],
      [all.slice(0, 5), false, true],
    ]);
  });

  test('first with last, foreign cursors, out-of-range counts and a negative offset are BAD_USER_INPUT', async () => {
    ok(await page(ann, chatId, { first: 5 }));
    const bad: Record<string, unknown>[] = [
      { first: 5, last: 5 },
      { first: 5, after: 'garbage' },
      { last: 5, before: Buffer.from('post:3').toString('base64url') },
      { after: Buffer.from('message:-1').toString('base64url') },
      { after: Buffer.from(JSON.stringify(['x'])).toString('base64url') },
      { first: -1 },
      { first: 101 },
      { last: -1 },
      { last: 101 },
      { last: 5, offset: -1 },
    ];
    const codes = [];
    for (const args of bad) codes.push([args, code(await page(ann, chatId, args))]);
    expect(codes).toEqual(bad.map((args) => [args, 'BAD_USER_INPUT']));
    expect(texts(ok(await page(ann, chatId, { first: 100 })).messages)).toEqual(all);
  });
});

describe('editing, deleting and starring', () => {
  let ann: Member;
  let bob: Member;
  let chatId: number;
  beforeAll(async () => {
    [ann, bob] = await Promise.all([gw.member('ed_ann'), gw.member('ed_bob')]);
    chatId = (await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'hello' })).chatId;
  });

  test("editMessage changes one's own message and sets editedAt; the other participant is FORBIDDEN", async () => {
    const sent = await send(ann, { chatId, text: 'typo teh' });
    const edit = (who: Member, text: string) =>
      as(who, 'mutation($id: ID!, $t: String!) { editMessage(input: { messageId: $id, text: $t }) { id: databaseId text editedAt } }', { id: messageGid(sent.id), t: text });
    const denied = await edit(bob, 'hijacked');
    expect(code(denied)).toBe('FORBIDDEN');
    const row = await gw.app.database.db.selectFrom('messages').select(['body', 'edited_at']).where('id', '=', sent.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ body: 'typo teh', edited_at: null });
    const edited = ok(await edit(ann, 'typo the')).editMessage;
    expect(edited.text).toBe('typo the');
    expect(Date.now() - Date.parse(edited.editedAt)).toBeLessThan(60_000);
  });

  test("deleteMessage removes one's own message from messages, search and stars; others are FORBIDDEN", async () => {
    const doomed = await send(ann, { chatId, text: 'secret pineapple plan' });
    const kept = await send(ann, { chatId, text: 'public pineapple plan' });
    const star = 'mutation($id: ID!) { setMessageStarred(input: { messageId: $id, starred: true }) { starred } }';
    ok(await as(ann, star, { id: messageGid(doomed.id) }));
    ok(await as(bob, star, { id: messageGid(doomed.id) }));
    const del = (who: Member) => as(who, 'mutation($id: ID!) { deleteMessage(messageId: $id) }', { id: messageGid(doomed.id) });
    expect(code(await del(bob))).toBe('FORBIDDEN');
    expect(ok(await del(ann)).deleteMessage).toBe(messageGid(doomed.id));
    const ids = ok(await page(bob, chatId, { last: 100 })).messages.edges.map((edge: any) => edge.node.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(doomed.id);
    expect(ok(await search(bob, chatId, 'pineapple')).searchMessages).toEqual([{ id: kept.id, text: 'public pineapple plan' }]);
    expect(ok(await search(bob, chatId, 'secret')).searchMessages).toEqual([]);
    expect(await gw.app.database.db.selectFrom('message_stars').select('participant_id').where('message_id', '=', doomed.id).execute()).toEqual([]);
    expect(code(await del(ann))).toBe('NOT_FOUND');
  });

  test('setMessageStarred sets the star (repeating a value changes nothing); starred is per viewer', async () => {
    const sent = await send(bob, { chatId, text: 'star me' });
    const starMut = (who: Member, starred: boolean) =>
      as(who, 'mutation($id: ID!, $s: Boolean!) { setMessageStarred(input: { messageId: $id, starred: $s }) { id: databaseId starred } }', { id: messageGid(sent.id), s: starred });
    const flags: boolean[] = [];
    for (const value of [true, true, false, false, true]) flags.push(ok(await starMut(ann, value)).setMessageStarred.starred);
    expect(flags).toEqual([true, true, false, false, true]);
    expect(code(await as(ann, 'mutation($id: ID!) { setMessageStarred(input: { messageId: $id }) { starred } }', { id: messageGid(sent.id) }))).toBe('GRAPHQL_VALIDATION_FAILED');
    const query = 'query($c: ID!) { messages(chatId: $c, last: 1) { edges { node { id: databaseId starred } } } chat(id: $c) { starredMessages { id: databaseId } } }';
    expect(ok(await as(ann, query, { c: chatGid(chatId) }))).toEqual({ messages: { edges: [{ node: { id: sent.id, starred: true } }] }, chat: { starredMessages: [{ id: sent.id }] } });
    expect(ok(await as(bob, query, { c: chatGid(chatId) }))).toEqual({ messages: { edges: [{ node: { id: sent.id, starred: false } }] }, chat: { starredMessages: [] } });
    expect(await gw.app.database.db.selectFrom('message_stars').select('message_id').where('message_id', '=', sent.id).execute()).toHaveLength(1);
  });
});

describe('searchMessages', () => {
  let ann: Member;
  let chatId: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ann = await gw.member('fts_ann');
    const bob = await gw.member('fts_bob');
    chatId = (await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'hello there' })).chatId;
    const bodies = {
      oldEqual: 'apple kiwi mango',
      long: 'an apple fell from the tree behind the old red barn near the river bank today',
      newEqual: 'apple mango kiwi',
      best: 'apple apple kiwi',
      pie: 'pie and crumble',
      other: 'banana split',
    };
    for (const [key, text] of Object.entries(bodies)) ids[key] = (await send(bob, { chatId, text })).id;
  });
  const APPLES = ['best', 'newEqual', 'oldEqual', 'long'];
  const found = async (q: string) => ok(await search(ann, chatId, q)).searchMessages.map((m: any) => m.id);

  test('the better match comes first, equal matches newest first; the last word matches as a prefix', async () => {
    const apples = [ids.best, ids.newEqual, ids.oldEqual, ids.long];
    expect(await found('apple')).toEqual(apples);
    expect(await found('appl')).toEqual(apples);
    expect(await found('apple kiw')).toEqual([ids.best, ids.newEqual, ids.oldEqual]);
    expect(await found('banana')).toEqual([ids.other]);
  });

  test.each([
    ['"', []],
    ['apple"', APPLES],
    ['*', []],
    ['NEAR', ['long']],
    ['NEAR(apple banana)', []],
    ['(apple', APPLES],
    ['apple)', APPLES],
    ['AND', ['pie']],
    ['pie AND', ['pie']],
    ['-banana', ['other']],
    ['banana -split', ['other']],
    ["'; DROP TABLE messages; --", []],
    ['body:banana', []],
    ['   ', []],
  ] as [string, string[]][])('hostile input %j never errors', async (q, expected) => {
    expect(await found(q)).toEqual(expected.map((key) => ids[key]));
  });

  test('more than 500 characters is BAD_USER_INPUT; 500 are fine', async () => {
    expect(code(await search(ann, chatId, 'a'.repeat(501)))).toBe('BAD_USER_INPUT');
    expect(await found('a'.repeat(500))).toEqual([]);
  });
});

test("a page of messages with each message's chat, sender and reply costs the same statements for 3 messages as for 9", async () => {
  const [ann, bob] = await Promise.all([gw.member('nq_ann'), gw.member('nq_bob')]);
  const first = await send(ann, { toUserId: toGlobalId('User', bob.id), text: 'm0' });
  for (let i = 1; i < 10; i++) await send(i % 2 ? bob : ann, { chatId: first.chatId, text: `m${i}`, replyToId: first.id });
  const statements = async (last: number) => {
    const before = gw.queries.length;
    const data = ok(
      await as(
        bob,
        `query($c: ID!, $n: Int) { messages(chatId: $c, last: $n) { edges { node { id: databaseId chat { id: databaseId pinned } sender { id: databaseId } replyTo { id: databaseId } starred } } } }`,
        { c: chatGid(first.chatId), n: last },
      ),
    );
    expect(data.messages.edges).toHaveLength(last);
    expect(data.messages.edges.every((e: any) => e.node.chat.id === first.chatId)).toBe(true);
    return gw.queries.length - before;
  };
  // Neither page holds m0, so both read the replied-to message through the loader.
  expect(await statements(9)).toBe(await statements(3));
});
