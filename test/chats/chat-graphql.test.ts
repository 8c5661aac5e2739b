import { Topic } from '../../src/graphql/pubsub';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { toGlobalId } from '../../src/graphql/node';
import { chatGid, messageGid, messageInput, userGid } from './ids';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const as = (member: Member, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, member.token);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const members = (...names: string[]) => Promise.all(names.map((name) => gw.member(name)));

const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId chatId: chatDatabaseId } }';
const send = async (from: Member, input: Record<string, unknown>): Promise<{ id: number; chatId: number }> => ok(await as(from, SEND, { input: messageInput(input) })).sendMessage;

const CHATS =
  'query($f: ChatsFilter, $first: Int, $after: String) { chats(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id: databaseId pinned archived } } }';
const chatIds = async (viewer: Member, filter?: Record<string, unknown> | null) => ok(await as(viewer, CHATS, { f: filter })).chats.nodes.map((c: any) => c.id);

const UNREAD = 'query($c: ID!) { chat(id: $c) { unreadCount lastReadMessageId: lastReadMessageDatabaseId } unreadCount }';
const unread = async (viewer: Member, chatId: number) => {
  const data = ok(await as(viewer, UNREAD, { c: chatGid(chatId) }));
  return { chat: data.chat.unreadCount, total: data.unreadCount, lastRead: data.chat.lastReadMessageId };
};

const GROUP = 'mutation($t: String!, $ids: [ID!]!) { createGroupChat(input: { title: $t, userIds: $ids }) { id: databaseId type title participants { userId: userDatabaseId role } } }';

describe('chats: listing, pinning and archiving', () => {
  test('pinned first, then by last activity; archived chats are listed apart; explicit flags and toggles', async () => {
    const [me, x, y, z] = await members('ls_me', 'ls_x', 'ls_y', 'ls_z');
    const cx = (await send(x, { toUserId: toGlobalId('User', me.id), text: 'x' })).chatId;
    await sleep(5);
    const cy = (await send(y, { toUserId: toGlobalId('User', me.id), text: 'y' })).chatId;
    await sleep(5);
    const cz = (await send(z, { toUserId: toGlobalId('User', me.id), text: 'z' })).chatId;
    expect(await chatIds(me)).toEqual([cz, cy, cx]);

    const pin = async (chatId: number, pinned: boolean) =>
      ok(await as(me, 'mutation($c: ID!, $p: Boolean!) { setChatPinned(input: { chatId: $c, pinned: $p }) { pinned } }', { c: chatGid(chatId), p: pinned })).setChatPinned.pinned;
    expect([await pin(cx, true), await pin(cx, true)]).toEqual([true, true]);
    expect(await chatIds(me)).toEqual([cx, cz, cy]);
    await sleep(5);
    await send(y, { chatId: cy, text: 'y again' });
    expect(await chatIds(me)).toEqual([cx, cy, cz]);
    expect([await pin(cx, false), await pin(cx, true), await pin(cx, false)]).toEqual([false, true, false]);
    expect(await chatIds(me)).toEqual([cy, cz, cx]);
    expect(await chatIds(x)).toEqual([cx]);

    const archive = async (chatId: number, archived: boolean) =>
      ok(await as(me, 'mutation($c: ID!, $a: Boolean!) { setChatArchived(input: { chatId: $c, archived: $a }) { archived } }', { c: chatGid(chatId), a: archived })).setChatArchived.archived;
    expect([await archive(cz, true), await archive(cz, true)]).toEqual([true, true]);
    expect(await chatIds(me)).toEqual([cy, cx]);
    expect(await chatIds(me, { archived: true })).toEqual([cz]);
    expect(await chatIds(me, { archived: null })).toEqual([cy, cz, cx]);
    expect(await chatIds(me, { pinned: true })).toEqual([]);
    expect([await archive(cz, false), await archive(cz, true), await archive(cz, false)]).toEqual([false, true, false]);
    expect(await chatIds(me)).toEqual([cy, cz, cx]);
  });

  test('first/after pages the list, hasNextPage tells whether more follow, totalCount counts it; sizes over 100 are BAD_USER_INPUT', async () => {
    const [me, ...others] = await members('pgs_me', 'pgs_a', 'pgs_b', 'pgs_c');
    for (const other of others) await send(other, { toUserId: toGlobalId('User', me.id), text: 'hi' });
    const pageOf = async (first: number, after: string | null = null) => {
      const { chats } = ok(await as(me, CHATS, { first, after }));
      return { n: chats.nodes.length, more: chats.pageInfo.hasNextPage, total: chats.totalCount, end: chats.pageInfo.endCursor };
    };
    const two = await pageOf(2);
    expect([two.n, two.more, two.total]).toEqual([2, true, 3]);
    expect(await pageOf(2, two.end)).toMatchObject({ n: 1, more: false, total: 3 });
    expect(await pageOf(3)).toMatchObject({ n: 3, more: false });
    expect(code(await as(me, CHATS, { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(code(await as(me, CHATS, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(code(await as(me, CHATS, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });
});

describe('unread counts and markRead', () => {
  test("only others' messages count; markRead zeroes them, never moves back; the total is the sum", async () => {
    const [me, x, y] = await members('ur_me', 'ur_x', 'ur_y');
    const cx = (await send(me, { toUserId: toGlobalId('User', x.id), text: 'mine' })).chatId;
    const fromX = [];
    for (const text of ['x1', 'x2', 'x3']) fromX.push(await send(x, { chatId: cx, text }));
    const y1 = await send(y, { toUserId: toGlobalId('User', me.id), text: 'y1' });
    const cy = y1.chatId;
    const y2 = await send(y, { chatId: cy, text: 'y2' });
    const y3 = await send(y, { chatId: cy, text: 'y3' });
    expect(await unread(me, cx)).toMatchObject({ chat: 3, total: 6 });
    expect(await unread(me, cy)).toMatchObject({ chat: 3, total: 6 });
    expect(await unread(x, cx)).toMatchObject({ chat: 0, total: 0 });

    const markRead = (chatId: number, upTo?: number) =>
      as(me, 'mutation($c: ID!, $u: ID) { markRead(input: { chatId: $c, upToMessageId: $u }) { lastReadMessageId: lastReadMessageDatabaseId unreadCount } }', {
        c: chatGid(chatId),
        u: upTo === undefined ? undefined : messageGid(upTo),
      });
    expect(ok(await markRead(cx)).markRead).toEqual({ lastReadMessageId: fromX[2].id, unreadCount: 0 });
    expect(ok(await markRead(cx, fromX[0].id)).markRead).toEqual({ lastReadMessageId: fromX[2].id, unreadCount: 0 });
    expect(await unread(me, cy)).toEqual({ chat: 3, total: 3, lastRead: null });

    expect(ok(await markRead(cy, y2.id)).markRead).toEqual({ lastReadMessageId: y2.id, unreadCount: 1 });
    expect(ok(await markRead(cy, y1.id)).markRead).toEqual({ lastReadMessageId: y2.id, unreadCount: 1 });
    expect(code(await markRead(cy, fromX[0].id))).toBe('BAD_USER_INPUT');
    expect(await unread(me, cy)).toEqual({ chat: 1, total: 1, lastRead: y2.id });
    await send(x, { chatId: cx, text: 'x4' });
    expect(await unread(me, cx)).toMatchObject({ chat: 1, total: 2 });
    expect(ok(await markRead(cy)).markRead).toEqual({ lastReadMessageId: y3.id, unreadCount: 0 });
    expect(await unread(me, cx)).toMatchObject({ chat: 1, total: 1 });
  });
});

describe('group chats', () => {
  test('createGroupChat checks title and users; the creator is admin, the others members', async () => {
    const [owner, a, b] = await members('grp_owner', 'grp_a', 'grp_b');
    const before = await gw.count('chats');
    const refused = [
      { t: '', ids: [a.id] },
      { t: '   ', ids: [a.id] },
      { t: 'x'.repeat(101), ids: [a.id] },
      { t: 'Alone', ids: [] },
      { t: 'Alone', ids: [owner.id] },
      { t: 'Ghosts', ids: [a.id, 987654] },
    ];
    const codes = [];
    for (const variables of refused) codes.push(code(await as(owner, GROUP, { t: variables.t, ids: variables.ids.map(userGid) })));
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'NOT_FOUND']);
    expect(await gw.count('chats')).toBe(before);
    const chat = ok(await as(owner, GROUP, { t: '  Team  ', ids: [a.id, b.id, a.id].map(userGid) })).createGroupChat;
    expect(chat).toMatchObject({ type: 'GROUP', title: 'Team' });
    expect(chat.participants).toEqual([
      { userId: owner.id, role: 'ADMIN' },
      { userId: a.id, role: 'MEMBER' },
      { userId: b.id, role: 'MEMBER' },
    ]);
    expect(ok(await as(owner, GROUP, { t: 'y'.repeat(100), ids: [userGid(a.id)] })).createGroupChat.title).toHaveLength(100);
  });

  test('addParticipants: admins only, groups only, duplicates skipped, newcomers start with nothing unread', async () => {
    const [owner, a, late, later, stranger] = await members('add_owner', 'add_a', 'add_late', 'add_later', 'add_stranger');
    const group = ok(await as(owner, GROUP, { t: 'Club', ids: [userGid(a.id)] })).createGroupChat.id;
    await send(a, { chatId: group, text: 'history 1' });
    await send(a, { chatId: group, text: 'history 2' });
    const add = (who: Member, chatId: number, ids: number[]) =>
      as(who, 'mutation($c: ID!, $ids: [ID!]!) { addParticipants(input: { chatId: $c, userIds: $ids }) { participants { userId: userDatabaseId role } } }', {
        c: chatGid(chatId),
        ids: ids.map(userGid),
      });
    const participantsBefore = await gw.count('chat_participants');
    expect(code(await add(a, group, [late.id]))).toBe('FORBIDDEN');
    const direct = (await send(owner, { toUserId: toGlobalId('User', a.id), text: 'dm' })).chatId;
    expect(code(await add(owner, direct, [late.id]))).toBe('BAD_USER_INPUT');
    expect(code(await add(owner, group, [987654]))).toBe('NOT_FOUND');
    expect(await gw.count('chat_participants')).toBe(participantsBefore + 2);

    const added = ok(await add(owner, group, [late.id, a.id, late.id, owner.id])).addParticipants.participants;
    expect(added).toEqual([
      { userId: owner.id, role: 'ADMIN' },
      { userId: a.id, role: 'MEMBER' },
      { userId: late.id, role: 'MEMBER' },
    ]);
    expect(ok(await add(owner, group, [a.id, late.id])).addParticipants.participants).toHaveLength(3);
    const lateView = ok(await as(late, 'query { chats { nodes { id: databaseId unreadCount } } unreadCount }'));
    expect(lateView).toEqual({ chats: { nodes: [{ id: group, unreadCount: 0 }] }, unreadCount: 0 });
    await send(a, { chatId: group, text: 'welcome' });
    expect(await unread(late, group)).toMatchObject({ chat: 1, total: 1 });
    ok(await add(owner, group, [later.id]));
    expect(await unread(later, group)).toMatchObject({ chat: 0, total: 0 });

    expect(code(await as(stranger, 'query($c: ID!) { chat(id: $c) { id: databaseId } }', { c: chatGid(group) }))).toBe('FORBIDDEN');
    expect(code(await as(stranger, 'query($c: ID!) { messages(chatId: $c) { edges { cursor } } }', { c: chatGid(group) }))).toBe('FORBIDDEN');
    expect(code(await as(stranger, SEND, { input: { chatId: chatGid(group), text: 'let me in' } }))).toBe('FORBIDDEN');
    const directOfOthers = await as(stranger, 'query($c: ID!) { chat(id: $c) { id: databaseId } }', { c: chatGid(direct) });
    expect(directOfOthers.body).toEqual({ data: { chat: null } });
  });
});

describe('per-viewer settings', () => {
  test('setChatColor validates the colour and sets it for the viewer only', async () => {
    const [me, other] = await members('col_me', 'col_other');
    const chatId = (await send(other, { toUserId: toGlobalId('User', me.id), text: 'hi' })).chatId;
    const color = (who: Member, args: { c?: number; w?: number; color: string }) =>
      as(who, 'mutation($c: ID, $w: ID, $color: String!) { setChatColor(input: { chatId: $c, withUserId: $w, color: $color }) { id: databaseId color } }', {
        c: args.c === undefined ? undefined : chatGid(args.c),
        w: args.w === undefined ? undefined : userGid(args.w),
        color: args.color,
      });
    for (const bad of ['red', '#abcd', '#ggg', '', '#12345']) expect([bad, code(await color(me, { c: chatId, color: bad }))]).toEqual([bad, 'BAD_USER_INPUT']);
    expect(code(await color(me, { color: '#fff' }))).toBe('BAD_USER_INPUT');
    expect(ok(await color(me, { c: chatId, color: '#ABC' })).setChatColor).toEqual({ id: chatId, color: '#aabbcc' });
    expect(ok(await color(other, { w: me.id, color: '#10A0f0' })).setChatColor).toEqual({ id: chatId, color: '#10a0f0' });
    const seen = async (who: Member) => ok(await as(who, 'query($c: ID!) { chat(id: $c) { color } }', { c: chatGid(chatId) })).chat.color;
    expect([await seen(me), await seen(other)]).toEqual(['#aabbcc', '#10a0f0']);
  });

  test('clearChatHistory hides the history from the caller only; later messages show', async () => {
    const [me, other] = await members('dc_me', 'dc_other');
    const chatId = (await send(other, { toUserId: toGlobalId('User', me.id), text: 'old 1' })).chatId;
    await send(me, { chatId, text: 'old 2' });
    await send(other, { chatId, text: 'old 3' });
    const view = async (who: Member) => {
      const data = ok(await as(who, 'query($c: ID!) { messages(chatId: $c) { edges { node { text } } } chat(id: $c) { lastMessage { text } unreadCount } }', { c: chatGid(chatId) }));
      return { texts: data.messages.edges.map((e: any) => e.node.text), last: data.chat.lastMessage?.text ?? null, unread: data.chat.unreadCount };
    };
    expect(ok(await as(me, 'mutation($w: ID) { clearChatHistory(input: { withUserId: $w }) }', { w: userGid(other.id) })).clearChatHistory).toBe(chatGid(chatId));
    expect(await view(me)).toEqual({ texts: [], last: null, unread: 0 });
    expect(await view(other)).toEqual({ texts: ['old 1', 'old 2', 'old 3'], last: 'old 3', unread: 0 });
    await send(other, { chatId, text: 'new 1' });
    expect(await view(me)).toEqual({ texts: ['new 1'], last: 'new 1', unread: 1 });
    expect(await view(other)).toEqual({ texts: ['old 1', 'old 2', 'old 3', 'new 1'], last: 'new 1', unread: 0 });
  });
});

test('message.created and chat.updated are published after commit; a failed send publishes nothing', async () => {
  const [me, other, blocker] = await members('ev_me', 'ev_other', 'ev_blocker');
  await gw.app.database.db.insertInto('blocks').values({ blocker_id: blocker.id, blocked_id: me.id, created_at: new Date().toISOString() }).execute();
  const ours = new Set([me.id, other.id, blocker.id]);
  const events: [string, Record<string, number[]>, boolean][] = [];
  const iterator = gw.app.gateway.services.pubsub.subscribe(Topic.DomainEvent)[Symbol.asyncIterator]();
  const listening = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const event = next.value;
      // Notifications have tests of their own (test/subscriptions/notifications.test.ts).
      if (event.actorId === null || !ours.has(event.actorId) || event.name === 'notification.created') continue;
      const committed = event.entities.message ? (await gw.app.database.db.selectFrom('messages').select('id').where('id', '=', event.entities.message[0]).executeTakeFirst()) !== undefined : true;
      events.push([event.name, event.entities, committed]);
    }
  })();
  await sleep(20);
  expect(code(await as(me, SEND, { input: { toUserId: toGlobalId('User', other.id), text: '' } }))).toBe('BAD_USER_INPUT');
  expect(code(await as(me, SEND, { input: { toUserId: toGlobalId('User', blocker.id), text: 'hello?' } }))).toBe('FORBIDDEN');
  await sleep(20);
  expect(events).toEqual([]);

  const first = await send(me, { toUserId: toGlobalId('User', other.id), text: 'hello' });
  const second = await send(me, { chatId: first.chatId, text: 'again' });
  ok(await as(me, 'mutation($c: ID!) { setChatPinned(input: { chatId: $c, pinned: true }) { pinned } }', { c: chatGid(first.chatId) }));
  for (let i = 0; i < 50 && events.length < 4; i++) await sleep(10);
  await iterator.return?.();
  await listening;
  expect(events).toEqual([
    ['chat.created', { chat: [first.chatId], user: [me.id, other.id] }, true],
    ['message.created', { message: [first.id], chat: [first.chatId], user: [me.id] }, true],
    ['message.created', { message: [second.id], chat: [first.chatId], user: [me.id] }, true],
    ['chat.updated', { chat: [first.chatId], user: [me.id] }, true],
  ]);
});

test('a chat list with participants, last messages, unread counts, stars and typing costs the same statements for 3 chats as for 12', async () => {
  const [few, many] = await members('batch_few', 'batch_many');
  const contacts = await members(...Array.from({ length: 12 }, (_, i) => `batch_c${i}`));
  for (const [i, contact] of contacts.entries()) {
    if (i < 3) await send(contact, { toUserId: toGlobalId('User', few.id), text: `to few ${i}` });
    await send(contact, { toUserId: toGlobalId('User', many.id), text: `to many ${i}` });
  }
  const group = ok(await as(many, GROUP, { t: 'Batch', ids: contacts.slice(0, 4).map((c) => userGid(c.id)) })).createGroupChat.id;
  await send(contacts[1], { chatId: group, text: 'group hello' });
  const statements = async (viewer: Member, expected: number) => {
    const before = gw.queries.length;
    const data = ok(
      await as(
        viewer,
        'query { chats(first: 50) { nodes { participants { user { id: databaseId } } lastMessage { sender { id: databaseId } } unreadCount starredMessages { id: databaseId } typing { id: databaseId } } } }',
      ),
    );
    const used = gw.queries.length - before;
    expect(data.chats.nodes).toHaveLength(expected);
    expect(data.chats.nodes.every((chat: any) => chat.unreadCount === 1 && chat.lastMessage.sender.id !== viewer.id)).toBe(true);
    return used;
  };
  // On PostgreSQL two loaders' answers may arrive in one tick or two, so one user batch can be
  // split in two; the fewest of three runs is the count without that timing.
  const fewest = async (viewer: Member, expected: number) => Math.min(await statements(viewer, expected), await statements(viewer, expected), await statements(viewer, expected));
  expect(await fewest(many, 13)).toBe(await fewest(few, 3));
});
