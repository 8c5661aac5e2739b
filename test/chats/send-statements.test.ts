import { startTestGateway, type TestGateway } from '../support/gateway';
import { makeAdmin, type Member, ok } from '../support/graphql';
import { UserStatus } from '../../src/domains/users/user-status';
import { chatGid, userGid } from './ids';

// The statements one message costs, pinned so the write path cannot creep back (the bench's
// "reads under writes" sends the first mutation below 100 times a second).

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const SEND = 'mutation BenchWrite($input: SendMessageInput!) { sendMessage(input: $input) { id } }';
const SEND_IN_CHAT = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { chatId: chatDatabaseId } }';

/** The statements of one send, in order. */
async function statementsOf(from: Member, input: Record<string, unknown>): Promise<string[]> {
  const start = gw.queries.length;
  ok(await gw.gql(SEND, { input }, from.token));
  return gw.queries.slice(start);
}

/** Each statement as its verb and main table (subqueries left out): `select "chats"`, `insert into "messages"`, `begin`. */
const tables = (statements: string[]) =>
  statements.map((sql) => {
    let flat = sql;
    while (/\([^()]*\)/.test(flat)) flat = flat.replace(/\([^()]*\)/g, ''); // subqueries (and every parenthesis) out
    const select = /^select\b.*?\bfrom\s+("[^"]+")/is.exec(flat);
    if (select) return `select ${select[1]}`;
    return /^(?:insert into|update|delete from)\s+"[^"]+"|^(?:begin|commit)/i.exec(sql)?.[0] ?? sql;
  });

/** A direct message's transaction: the message, the chat's activity, the sender's read mark, their "typing…", the recipient's notification, the outbox. */
const DIRECT_TRANSACTION = [
  'begin',
  'insert into "messages"',
  'update "chats"',
  'update "chat_participants"',
  'delete from "chat_typing"',
  'insert into "notifications"',
  'select "webhook_subscriptions"', // the webhook subscriptions wanting either event, once for both
  'commit',
];

describe('one message', () => {
  test("a direct message to a user with an existing chat (the bench's write) costs 10 statements (17 before), 6 of them in its transaction", async () => {
    const [ann, bob] = await Promise.all([gw.member('st_ann'), gw.member('st_bob')]);
    await statementsOf(ann, { toUserId: userGid(bob.id), text: 'opens the chat' });
    const statements = await statementsOf(ann, { toUserId: userGid(bob.id), text: 'again' });
    expect(tables(statements)).toEqual([
      'select "access_tokens"', // the viewer's token
      'select "chats"', // the direct chat as the viewer sees it, with the recipient's user_status and message_privacy and any block between them
      ...DIRECT_TRANSACTION,
    ]);
  });

  test("a direct message by chat id (the chat API's send) costs 10 statements (16 before)", async () => {
    const [ann, bob] = await Promise.all([gw.member('sc_ann'), gw.member('sc_bob')]);
    const chat = ok(await gw.gql(SEND_IN_CHAT, { input: { toUserId: userGid(bob.id), text: 'hi' } }, ann.token)).sendMessage.chatId;
    const statements = await statementsOf(bob, { chatId: chatGid(chat), text: 'back' });
    expect(tables(statements)).toEqual([
      'select "access_tokens"',
      'select "chats"', // the chat as the viewer sees it, with the other participant, their message_privacy and any block
      ...DIRECT_TRANSACTION,
    ]);
  });

  test('the rules the one read answers still hold: a deleted recipient is NOT_FOUND and a block FORBIDDEN, by user and by chat, writing nothing', async () => {
    const [ann, bob, cat] = await Promise.all([gw.member('sr_ann'), gw.member('sr_bob'), gw.member('sr_cat')]);
    const send = (from: Member, input: Record<string, unknown>) => gw.gql(SEND_IN_CHAT, { input }, from.token);
    ok(await send(ann, { toUserId: userGid(bob.id), text: 'hi' }));
    const catChat = ok(await send(ann, { toUserId: userGid(cat.id), text: 'hi' })).sendMessage.chatId;
    const db = gw.app.database.db;
    await db.updateTable('users').set({ user_status: UserStatus.DELETED }).where('id', '=', bob.id).execute();
    await db.insertInto('blocks').values({ blocker_id: cat.id, blocked_id: ann.id, created_at: new Date().toISOString() }).execute();
    const messages = await gw.count('messages');
    const refusals = [
      await send(ann, { toUserId: userGid(bob.id), text: 'still there?' }),
      await send(ann, { toUserId: userGid(cat.id), text: 'let me in' }),
      await send(ann, { chatId: chatGid(catChat), text: 'let me in' }),
      await send(cat, { toUserId: userGid(ann.id), text: 'blocked you' }),
    ];
    expect(refusals.map((res) => [res.body.errors?.[0]?.extensions?.code, res.body.errors?.[0]?.message])).toEqual([
      ['NOT_FOUND', `User ${bob.id} does not exist`],
      ['FORBIDDEN', 'This user does not accept messages from you'],
      ['FORBIDDEN', 'This user does not accept messages from you'],
      ['FORBIDDEN', 'You have blocked this user: unblock them to send messages'],
    ]);
    expect(await gw.count('messages')).toBe(messages);
  });

  test("a group message reads its participants for the events' audience, in the transaction", async () => {
    const [ann, bob, cat] = await Promise.all([gw.member('sg_ann'), gw.member('sg_bob'), gw.member('sg_cat')]);
    const chat = ok(
      await gw.gql('mutation($t: String!, $u: [ID!]!) { createGroupChat(input: { title: $t, userIds: $u }) { id: databaseId } }', { t: 'g', u: [userGid(bob.id), userGid(cat.id)] }, ann.token),
    ).createGroupChat.id;
    const statements = await statementsOf(ann, { chatId: chatGid(chat), text: 'hello all' });
    expect(tables(statements)).toEqual([
      'select "access_tokens"',
      'select "chats"',
      'begin',
      'insert into "messages"',
      'update "chats"',
      'update "chat_participants"',
      'delete from "chat_typing"',
      'select "webhook_subscriptions"',
      'select "chat_participants"',
      'commit',
    ]);
  });

  test('with webhook subscriptions, the message and its notification each get their outbox row and deliveries, from one read of the subscriptions', async () => {
    const [owner, ann, bob] = await Promise.all([gw.member('sw_owner'), gw.member('sw_ann'), gw.member('sw_bob')]);
    await makeAdmin(gw, owner.id);
    const db = gw.app.database.db;
    const now = new Date().toISOString();
    const subscribe = async (events: string[]) =>
      (
        await db
          .insertInto('webhook_subscriptions')
          .values({ user_id: owner.id, target_url: 'https://93.184.215.14/hook', events: JSON.stringify(events), secret: 'whsec_AAAA', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [messages, notifications, both] = [await subscribe(['message.created']), await subscribe(['notification.created']), await subscribe(['message.created', 'notification.created'])];
    await statementsOf(ann, { toUserId: userGid(bob.id), text: 'opens the chat' });
    const lastEvent =
      (
        await db
          .selectFrom('webhook_events')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id ?? 0;
    const statements = await statementsOf(ann, { toUserId: userGid(bob.id), text: 'hooked' });
    expect(tables(statements).filter((line) => line === 'select "webhook_subscriptions"')).toHaveLength(1);
    const events = await db.selectFrom('webhook_events').select(['id', 'event', 'payload']).where('id', '>', lastEvent).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['message.created', 'notification.created']);
    const message = await db.selectFrom('messages').select('id').where('sender_id', '=', ann.id).where('body', '=', 'hooked').executeTakeFirstOrThrow();
    expect(JSON.parse(events[0].payload)).toMatchObject({ event: 'message.created', entities: { message: [{ id: message.id }], user: [{ user_id: ann.id }] } });
    expect(JSON.parse(events[1].payload)).toMatchObject({ event: 'notification.created', entities: { user: [{ user_id: bob.id }] } });
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select(['event_id', 'subscription_id'])
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .orderBy('event_id')
      .orderBy('subscription_id')
      .execute();
    expect(deliveries).toEqual([
      { event_id: events[0].id, subscription_id: messages },
      { event_id: events[0].id, subscription_id: both },
      { event_id: events[1].id, subscription_id: notifications },
      { event_id: events[1].id, subscription_id: both },
    ]);
  });
});
