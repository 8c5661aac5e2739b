import { startTestGateway, type TestGateway } from '../support/gateway';
import { code, type Member, ok } from '../support/graphql';
import { chatGid, messageGid, messageInput, userGid } from './ids';
import { toGlobalId } from '../../src/graphql/node';

/** The chat domain's side of the GraphQL contract: global ids, node fetchers, connections, enums, setters. */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const as = (member: Member | null, query: string, variables: Record<string, unknown> = {}) => gw.gql(query, variables, member?.token);
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id databaseId chatId: chatDatabaseId } }';
const send = async (from: Member, input: Record<string, unknown>): Promise<{ id: string; databaseId: number; chatId: number }> => ok(await as(from, SEND, { input: messageInput(input) })).sendMessage;
const GROUP = 'mutation($t: String!, $ids: [ID!]!) { createGroupChat(input: { title: $t, userIds: $ids }) { id databaseId type participants { id databaseId } } }';

const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) {
  __typename id
  ... on Chat { databaseId type title }
  ... on ChatParticipant { databaseId userId: userDatabaseId role }
  ... on Message { databaseId text deleted }
} }`;

/** How many SQL statements a request runs. */
async function statements(member: Member, query: string, variables: Record<string, unknown> = {}): Promise<number> {
  const before = gw.queries.length;
  ok(await as(member, query, variables));
  return gw.queries.length - before;
}

describe('node and nodes', () => {
  test('fetch a Chat, its ChatParticipants and its Messages by global id for participants only; others get null', async () => {
    const [ann, bob, eve] = await Promise.all([gw.member('ct_ann'), gw.member('ct_bob'), gw.member('ct_eve')]);
    const group = ok(await as(ann, GROUP, { t: 'Contract', ids: [userGid(bob.id)] })).createGroupChat;
    expect(group.id).toBe(chatGid(group.databaseId));
    expect(group.type).toBe('GROUP');
    const message = await send(bob, { chatId: group.databaseId, text: 'hello node' });
    expect(message.id).toBe(messageGid(message.databaseId));
    const ids = [group.id, group.participants[0].id, group.participants[1].id, message.id];

    const seen = ok(await as(ann, NODES, { ids })).nodes;
    expect(seen).toEqual([
      { __typename: 'Chat', id: group.id, databaseId: group.databaseId, type: 'GROUP', title: 'Contract' },
      { __typename: 'ChatParticipant', id: group.participants[0].id, databaseId: group.participants[0].databaseId, userId: ann.id, role: 'ADMIN' },
      { __typename: 'ChatParticipant', id: group.participants[1].id, databaseId: group.participants[1].databaseId, userId: bob.id, role: 'MEMBER' },
      { __typename: 'Message', id: message.id, databaseId: message.databaseId, text: 'hello node', deleted: false },
    ]);
    expect(ok(await as(ann, 'query($id: ID!) { node(id: $id) { id ... on Message { text } } }', { id: message.id })).node).toEqual({ id: message.id, text: 'hello node' });
    // Not a participant, or not signed in: nothing, not even the chat's existence.
    expect(ok(await as(eve, NODES, { ids })).nodes).toEqual([null, null, null, null]);
    expect(ok(await as(null, NODES, { ids })).nodes).toEqual([null, null, null, null]);
    // Unknown numbers are null too.
    expect(ok(await as(ann, NODES, { ids: [chatGid(987654), toGlobalId('ChatParticipant', 987654), messageGid(987654)] })).nodes).toEqual([null, null, null]);
  });

  test('a deleted message is null, as the messages query leaves it out; a conversation hidden by the viewer hides its messages from them only', async () => {
    const [ann, bob] = await Promise.all([gw.member('ctd_ann'), gw.member('ctd_bob')]);
    const first = await send(ann, { toUserId: bob.id, text: 'to delete' });
    const kept = await send(ann, { chatId: first.chatId, text: 'kept' });
    expect(ok(await as(ann, 'mutation($id: ID!) { deleteMessage(messageId: $id) }', { id: first.id })).deleteMessage).toBe(first.id);
    expect(ok(await as(bob, NODES, { ids: [first.id, kept.id] })).nodes).toEqual([null, expect.objectContaining({ text: 'kept' })]);
    expect(ok(await as(bob, 'mutation($w: ID!) { clearChatHistory(input: { withUserId: $w }) }', { w: userGid(ann.id) })).clearChatHistory).toBe(chatGid(first.chatId));
    expect(ok(await as(bob, NODES, { ids: [kept.id, chatGid(first.chatId)] })).nodes).toEqual([null, expect.objectContaining({ __typename: 'Chat' })]);
    expect(ok(await as(ann, NODES, { ids: [kept.id] })).nodes).toEqual([expect.objectContaining({ text: 'kept' })]);
  });

  test('nodes costs one statement per chat type, whatever the number of ids', async () => {
    const [ann, bob, cat] = await Promise.all([gw.member('cts_ann'), gw.member('cts_bob'), gw.member('cts_cat')]);
    const g1 = ok(await as(ann, GROUP, { t: 'One', ids: [userGid(bob.id), userGid(cat.id)] })).createGroupChat;
    const g2 = ok(await as(ann, GROUP, { t: 'Two', ids: [userGid(bob.id)] })).createGroupChat;
    const m1 = await send(bob, { chatId: g1.databaseId, text: 'a' });
    const m2 = await send(cat, { chatId: g1.databaseId, text: 'b' });
    const m3 = await send(bob, { chatId: g2.databaseId, text: 'c' });
    const base = await statements(ann, NODES, { ids: [] });
    const few = await statements(ann, NODES, { ids: [g1.id, g1.participants[0].id, m1.id] });
    const many = await statements(ann, NODES, { ids: [g1.id, g2.id, ...g1.participants.map((p: any) => p.id), g2.participants[1].id, m1.id, m2.id, m3.id] });
    expect(few - base).toBe(3);
    expect(many - base).toBe(3);
  });
});

describe('connections', () => {
  const MESSAGES = `query($c: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    messages(chatId: $c, first: $first, after: $after, last: $last, before: $before) { edges { cursor node { text } } nodes { text } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
  }`;

  test('messages page forward and backward with no overlap and no gap while messages arrive between pages', async () => {
    const [ann, bob] = await Promise.all([gw.member('ctp_ann'), gw.member('ctp_bob')]);
    const chatId = (await send(ann, { toUserId: bob.id, text: 'm0' })).chatId;
    for (let i = 1; i < 12; i++) await send(i % 2 ? bob : ann, { chatId, text: `m${i}` });
    const page = async (args: Record<string, unknown>) => ok(await as(ann, MESSAGES, { c: chatGid(chatId), ...args })).messages;

    // Forward: 5 at a time; a new message arrives before each next page and shows at the end.
    const forward: string[] = [];
    let after: string | null = null;
    let sent = 0;
    for (;;) {
      const connection: any = await page({ first: 5, after });
      forward.push(...connection.nodes.map((n: any) => n.text));
      expect(connection.edges.map((e: any) => e.node.text)).toEqual(connection.nodes.map((n: any) => n.text));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
      if (sent < 2) await send(bob, { chatId, text: `new${sent++}` });
    }
    expect(forward).toEqual([...Array.from({ length: 12 }, (_, i) => `m${i}`), 'new0', 'new1']);

    // Backward: 4 at a time from the newest; messages sent meanwhile are newer than every cursor and never show.
    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const connection: any = await page({ last: 4, before });
      backward.unshift(connection.nodes.map((n: any) => n.text));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
      await send(ann, { chatId, text: 'later' });
    }
    expect(backward.flat()).toEqual(forward);
    expect(backward[0]).toEqual(['m0', 'm1']);
  });

  test('chats page by pinned, then last activity, keyset: chats that become active between pages do not repeat', async () => {
    const [me, ...others] = await Promise.all(['ctc_me', 'ctc_a', 'ctc_b', 'ctc_c', 'ctc_d', 'ctc_e'].map((name) => gw.member(name)));
    const chats: number[] = [];
    for (const other of others) chats.push((await send(other, { toUserId: me.id, text: 'hi' })).chatId);
    ok(await as(me, 'mutation($c: ID!) { setChatPinned(input: { chatId: $c, pinned: true }) { pinned } }', { c: chatGid(chats[0]) }));
    const CHATS = 'query($after: String) { chats(first: 2, after: $after) { totalCount nodes { id: databaseId type pinned } pageInfo { hasNextPage endCursor } } }';
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; ; i++) {
      const { chats: page }: any = ok(await as(me, CHATS, { after }));
      expect(page.totalCount).toBe(5);
      expect(page.nodes.every((chat: any) => chat.type === 'DIRECT')).toBe(true);
      seen.push(...page.nodes.map((chat: any) => chat.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      // A chat already listed gets new activity: it moves to the top, before the cursor, and is not listed again.
      if (i === 0) await send(others[4], { chatId: chats[4], text: 'again' });
    }
    expect(seen).toEqual([chats[0], chats[4], chats[3], chats[2], chats[1]]);
    expect(new Set(seen).size).toBe(5);
  });

  test('searchMessages answers at most first (1 to 100) matches', async () => {
    const [ann, bob] = await Promise.all([gw.member('ctq_ann'), gw.member('ctq_bob')]);
    const chatId = (await send(ann, { toUserId: bob.id, text: 'walrus 0' })).chatId;
    for (let i = 1; i < 4; i++) await send(ann, { chatId, text: `walrus ${i}` });
    const search = (first?: number) => as(ann, 'query($c: ID!, $first: Int) { searchMessages(chatId: $c, query: "walrus", first: $first) { text } }', { c: chatGid(chatId), first });
    expect(ok(await search(2)).searchMessages).toHaveLength(2);
    expect(ok(await search()).searchMessages).toHaveLength(4);
    expect(code(await search(0))).toBe('BAD_USER_INPUT');
    expect(code(await search(101))).toBe('BAD_USER_INPUT');
  });
});

test('codes are enums on the wire: ChatType, ChatRole, MessageMediaType', async () => {
  const [ann, bob] = await Promise.all([gw.member('cte_ann'), gw.member('cte_bob')]);
  const link = await send(ann, { toUserId: bob.id, mediaUrl: 'https://example.com/x.png' });
  const text = await send(ann, { chatId: link.chatId, text: 'plain' });
  const data = ok(await as(bob, 'query($c: ID!) { chat(id: $c) { type participants { role } } messages(chatId: $c) { nodes { mediaType } } }', { c: chatGid(link.chatId) }));
  expect(data).toEqual({ chat: { type: 'DIRECT', participants: [{ role: 'MEMBER' }, { role: 'MEMBER' }] }, messages: { nodes: [{ mediaType: 'LINK' }, { mediaType: null }] } });
  expect(text.id).toBe(messageGid(text.databaseId));
});

describe('global id arguments', () => {
  test('a garbage id, or the id of another type, is BAD_USER_INPUT naming the argument', async () => {
    const [ann, bob] = await Promise.all([gw.member('ctg_ann'), gw.member('ctg_bob')]);
    const sent = await send(ann, { toUserId: bob.id, text: 'hi' });
    const wrongType = userGid(bob.id);
    const attempts: [string, Record<string, unknown>, string][] = [
      ['query($id: ID!) { chat(id: $id) { id } }', { id: 'garbage' }, 'id'],
      ['query($id: ID!) { chat(id: $id) { id } }', { id: messageGid(sent.databaseId) }, 'id'],
      ['query($c: ID!) { messages(chatId: $c) { nodes { id } } }', { c: wrongType }, 'chatId'],
      ['query($c: ID!) { searchMessages(chatId: $c, query: "hi") { id } }', { c: '42' }, 'chatId'],
      ['mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { chatId: wrongType, text: 'x' } }, 'chatId'],
      ['mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { toUserId: chatGid(sent.chatId), text: 'x' } }, 'toUserId'],
      ['mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: { chatId: chatGid(sent.chatId), text: 'x', replyToId: chatGid(sent.chatId) } }, 'replyToId'],
      ['mutation($id: ID!) { deleteMessage(messageId: $id) }', { id: chatGid(sent.chatId) }, 'messageId'],
      ['mutation($c: ID!) { setChatPinned(input: { chatId: $c, pinned: true }) { id } }', { c: sent.id }, 'chatId'],
      ['mutation($c: ID!) { leaveChat(chatId: $c) }', { c: 'Q2hhdDox=' }, 'chatId'],
      ['mutation($ids: [ID!]!) { createGroupChat(input: { title: "t", userIds: $ids }) { id } }', { ids: [userGid(bob.id), sent.id] }, 'userIds.1'],
      ['mutation($w: ID!) { setChatColor(input: { withUserId: $w, color: "#fff" }) { id } }', { w: sent.id }, 'withUserId'],
    ];
    const answers = [];
    for (const [query, variables] of attempts) {
      const res = await as(ann, query, variables);
      answers.push([code(res), res.body.errors?.[0]?.extensions?.field]);
    }
    expect(answers).toEqual(attempts.map(([, , field]) => ['BAD_USER_INPUT', field]));
  });

  test("leaveChat answers the chat's global id; the setters set rather than toggle", async () => {
    const [ann, bob] = await Promise.all([gw.member('ctl_ann'), gw.member('ctl_bob')]);
    const group = ok(await as(ann, GROUP, { t: 'Leave', ids: [userGid(bob.id)] })).createGroupChat;
    const archived = async (value: boolean) =>
      ok(await as(bob, 'mutation($c: ID!, $a: Boolean!) { setChatArchived(input: { chatId: $c, archived: $a }) { archived } }', { c: group.id, a: value })).setChatArchived.archived;
    expect([await archived(true), await archived(true), await archived(false), await archived(false)]).toEqual([true, true, false, false]);
    expect(ok(await as(bob, 'mutation($c: ID!) { leaveChat(chatId: $c) }', { c: group.id })).leaveChat).toBe(group.id);
  });
});
