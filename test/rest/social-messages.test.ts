import { filesUnder, SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { counts, expectError, social, socialMultipart } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';

type Member = { id: number; token: string };
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

let serial = 0;
/** Two fresh members, so each test starts without a conversation. */
async function pair(g: TestGateway = gw): Promise<[Member, Member]> {
  serial += 1;
  return Promise.all([g.member(`pa${serial}`), g.member(`pb${serial}`)]);
}

/** A multipart send-message carrying one file. */
const sendFile = (from: Member, to: Member, name: string, bytes: Buffer, g: TestGateway = gw) =>
  socialMultipart(g, 'send-message', { user_id: String(to.id), message_hash_id: `file-${name}` }, [['file', name, bytes]], from.token);

const send = (from: Member, to: Member, hash: string, text = 'hello', g: TestGateway = gw) => social(g, 'send-message', { user_id: String(to.id), message_hash_id: hash, text }, from.token);

/** Every table a send, a colour or a delete could write. */
const TABLES = ['messages', 'chats', 'chat_participants', 'media_files', 'chat_typing'];

const chatOfMessage = async (id: string) => (await gw.app.database.db.selectFrom('messages').select('chat_id').where('id', '=', Number(id)).executeTakeFirstOrThrow()).chat_id;

/** The chat API's page 1 of a chat's messages (newest first), as texts. */
async function chatApiTexts(member: Member, chatId: number): Promise<string[]> {
  const res = await gw.http('GET', `/api/chats/${chatId}/messages`, { headers: { authorization: `Bearer ${member.token}` } });
  expect(res.body.status).toBe('success');
  return res.body.data.map((m: any) => m.message);
}

async function participant(chatId: number, userId: number) {
  return gw.app.database.db.selectFrom('chat_participants').selectAll().where('chat_id', '=', chatId).where('user_id', '=', userId).executeTakeFirstOrThrow();
}

describe('POST /api/send-message', () => {
  test('a text message answers message_data with the hash as sent, and the recipient reads it in the chat API and GraphQL', async () => {
    const [ann, bob] = await pair();
    const res = await send(ann, bob, '0042', 'hi bob');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['api_status', 'message_data']);
    expect(res.body.api_status).toBe(200);
    expect(res.body.message_data).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^\d+$/),
        from_id: String(ann.id),
        to_id: String(bob.id),
        text: 'hi bob',
        media: '',
        reply_id: '0',
        message_hash_id: '0042',
        type: 'right_text',
      }),
    ]);
    const id = Number(res.body.message_data[0].id);
    const rows = await gw.app.database.db.selectFrom('messages').selectAll().where('sender_id', '=', ann.id).execute();
    expect(rows.map((r) => [r.id, r.body, r.hash_id, r.media_url])).toEqual([[id, 'hi bob', '0042', null]]);

    const chats = await gw.http('GET', '/api/chats', { headers: { authorization: `Bearer ${bob.token}` } });
    expect(chats.body.data).toHaveLength(1);
    expect(chats.body.data[0].last_message).toMatchObject({ id, message: 'hi bob', user_id: ann.id });
    const gql = await gw.gql(
      'query($c: ID!) { messages(chatId: $c) { edges { node { id: databaseId senderId: senderDatabaseId text hashId } } } }',
      { c: toGlobalId('Chat', rows[0].chat_id) },
      bob.token,
    );
    expect(gql.body.data.messages.edges.map((e: any) => e.node)).toEqual([{ id, senderId: ann.id, text: 'hi bob', hashId: '0042' }]);
  });

  test('a retried hash returns the first message; another hash, or the same hash from the other user, is a new one', async () => {
    const [ann, bob] = await pair();
    const first = (await send(ann, bob, 'h1', 'once')).body.message_data[0];
    const again = await send(ann, bob, 'h1', 'once');
    expect(again.body).toEqual({ api_status: 200, message_data: [expect.objectContaining({ id: first.id, text: 'once', message_hash_id: 'h1' })] });
    const before = await gw.count('messages');
    const other = (await send(ann, bob, 'h2', 'twice')).body.message_data[0];
    const reply = (await send(bob, ann, 'h1', 'from bob')).body.message_data[0];
    expect(new Set([first.id, other.id, reply.id]).size).toBe(3);
    expect(reply).toMatchObject({ from_id: String(bob.id), to_id: String(ann.id), message_hash_id: 'h1' });
    expect(await gw.count('messages')).toBe(before + 2);
    expect(await chatApiTexts(bob, await chatOfMessage(first.id))).toEqual(['from bob', 'twice', 'once']);
  });

  test('concurrent retries of one hash (first message of a new chat) write one message and one chat', async () => {
    const [ann, bob] = await pair();
    const before = await counts(gw, TABLES);
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(ann, bob, 'race', 'only once')));
    expect(answers.map((r) => r.body.api_status)).toEqual([200, 200, 200, 200, 200]);
    const ids = answers.map((r) => r.body.message_data[0].id);
    expect(new Set(ids).size).toBe(1);
    expect(await counts(gw, TABLES)).toEqual({ ...before, messages: before.messages + 1, chats: before.chats + 1, chat_participants: before.chat_participants + 2 });
  });

  test("a multipart file is stored and served back at the message's media URL", async () => {
    const [ann, bob] = await pair();
    const before = await counts(gw, TABLES);
    const res = await sendFile(ann, bob, 'dot.png', SAMPLES.png);
    expect(res.body.api_status).toBe(200);
    const message = res.body.message_data[0];
    expect(message).toMatchObject({
      text: '',
      type: 'right_image',
      media: expect.stringMatching(/^http:\/\/localhost:\d+\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png$/),
      message_hash_id: 'file-dot.png',
    });
    expect(message.mediaFileName).toBe(message.media.split('/').pop());
    expect(filesUnder(gw.uploadDir)).toContain(message.media.replace(`${gw.url}/uploads/`, ''));
    const served = await fetch(message.media);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(SAMPLES.png);
    expect(await counts(gw, TABLES)).toMatchObject({ messages: before.messages + 1, media_files: before.media_files + 1 });
  });

  test('a disallowed or spoofed file is an error in the social envelope and leaves no row or file', async () => {
    const [ann, bob] = await pair();
    const [before, files] = [await counts(gw, TABLES), filesUnder(gw.uploadDir)];
    expectError(await sendFile(ann, bob, 'tool.exe', SAMPLES.exe), 3, /not allowed/);
    expectError(await sendFile(ann, bob, 'fake.png', SAMPLES.html), 3, /not a valid/);
    expect(await counts(gw, TABLES)).toEqual(before);
    expect(filesUnder(gw.uploadDir)).toEqual(files);
  });

  test('a file over UPLOAD_MAX_BYTES is an error and stores nothing', async () => {
    const small = await startTestGateway({ UPLOAD_MAX_BYTES: '2048' });
    try {
      const [ann, bob] = await pair(small);
      expectError(await sendFile(ann, bob, 'huge.png', Buffer.concat([SAMPLES.png, Buffer.alloc(4096)]), small), 3, /larger than the 2 KB limit/);
      expect(await counts(small, TABLES)).toEqual({ messages: 0, chats: 0, chat_participants: 0, media_files: 0, chat_typing: 0 });
      expect(filesUnder(small.uploadDir)).toEqual([]);
    } finally {
      await small.close();
    }
  });

  test('image_url while imports are off is a clear error that names image_url and writes nothing', async () => {
    const [ann, bob] = await pair();
    const before = await counts(gw, TABLES);
    const res = await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'img', image_url: 'https://example.com/cat.png' }, ann.token);
    expectError(res, 3, /^image_url imports are disabled/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('bad input is an error and writes nothing', async () => {
    const [ann, bob] = await pair();
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'send-message', { message_hash_id: 'x', text: 'hi' }, ann.token), 3, /user_id/);
    expectError(await social(gw, 'send-message', { user_id: String(bob.id), text: 'hi' }, ann.token), 3, /message_hash_id/);
    expectError(await send(ann, ann, 'self'), 3, /yourself/);
    expectError(await send(ann, { id: 999999, token: '' }, 'ghost'), 4, /999999/);
    expectError(await social(gw, 'send-message', { user_id: String(bob.id), message_hash_id: 'empty' }, ann.token), 3, /text or media/);
    expectError(await send(ann, bob, 'blank', '   '), 3, /text or media/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('server_key and access_token errors', async () => {
    const [ann, bob] = await pair();
    const form = { user_id: String(bob.id), message_hash_id: 'k', text: 'hi' };
    const before = await counts(gw, TABLES);
    expectError(await gw.http('POST', `/api/send-message?access_token=${ann.token}`, { form }), 1, /./, '400');
    expectError(await gw.http('POST', `/api/send-message?access_token=${ann.token}`, { form: { ...form, server_key: 'wrong-key-wrong-key' } }), 1, /./, '400');
    expectError(await social(gw, 'send-message', form), 2);
    expectError(await social(gw, 'send-message', form, 'not-a-token'), 2);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('a block refuses the send in both directions, with or without an existing chat', async () => {
    for (const existing of [false, true]) {
      const [ann, bob] = await pair();
      if (existing) expect((await send(ann, bob, 'before', 'before the block')).body.api_status).toBe(200);
      await gw.app.database.db.insertInto('blocks').values({ blocker_id: ann.id, blocked_id: bob.id, created_at: new Date().toISOString() }).execute();
      const before = await counts(gw, TABLES);
      expectError(await send(ann, bob, 'a1'), 5, /You have blocked this user/);
      expectError(await send(bob, ann, 'b1'), 5, /does not accept messages from you/);
      expect(await counts(gw, TABLES)).toEqual(before);
    }
  });
});

describe('POST /api/set-chat-typing-status', () => {
  const typingQuery = 'query($id: ID!) { chat(id: $id) { typing { id: databaseId } } }';
  const typers = async (member: Member, chatId: number, g: TestGateway = gw) =>
    (await g.gql(typingQuery, { id: toGlobalId('Chat', chatId) }, member.token)).body.data.chat.typing.map((u: any) => u.id);

  test('typing shows the typer to the other user; stopped removes it', async () => {
    const [ann, bob] = await pair();
    const chatId = await chatOfMessage((await send(bob, ann, 't0')).body.message_data[0].id);
    expect((await social(gw, 'set-chat-typing-status', { user_id: String(bob.id), status: 'typing' }, ann.token)).body).toEqual({ api_status: 200 });
    expect(await typers(bob, chatId)).toEqual([ann.id]);
    expect(await typers(ann, chatId)).toEqual([]);
    expect(await gw.count('chat_typing')).toBe(1);
    expect((await social(gw, 'set-chat-typing-status', { user_id: String(bob.id), status: 'stopped' }, ann.token)).body).toEqual({ api_status: 200 });
    expect(await typers(bob, chatId)).toEqual([]);
    expect(await gw.count('chat_typing')).toBe(0);
  });

  test('a bad or missing status, or a missing user_id, is an error and changes nothing', async () => {
    const [ann, bob] = await pair();
    await send(ann, bob, 't1');
    const before = await counts(gw, TABLES);
    expectError(await social(gw, 'set-chat-typing-status', { user_id: String(bob.id), status: 'sleeping' }, ann.token), 3, /status/);
    expectError(await social(gw, 'set-chat-typing-status', { user_id: String(bob.id) }, ann.token), 3, /status/);
    expectError(await social(gw, 'set-chat-typing-status', { status: 'typing' }, ann.token), 3, /user_id/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });

  test('typing lapses on its own after TYPING_TIMEOUT_SECONDS', async () => {
    const quick = await startTestGateway({ TYPING_TIMEOUT_SECONDS: '1' });
    try {
      const [ann, bob] = await pair(quick);
      const sent = await send(bob, ann, 'q', 'hi', quick);
      const chatId = (await quick.app.database.db.selectFrom('messages').select('chat_id').where('id', '=', Number(sent.body.message_data[0].id)).executeTakeFirstOrThrow()).chat_id;
      expect((await social(quick, 'set-chat-typing-status', { user_id: String(bob.id), status: 'typing' }, ann.token)).body).toEqual({ api_status: 200 });
      expect(await typers(bob, chatId, quick)).toEqual([ann.id]);
      const started = Date.now();
      let current: number[] = [ann.id];
      while (current.length > 0 && Date.now() - started < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        current = await typers(bob, chatId, quick);
      }
      expect(current).toEqual([]);
    } finally {
      await quick.close();
    }
  });
});

describe('POST /api/change-chat-color', () => {
  const colorOf = async (member: Member, chatId: number) => (await gw.gql('query($id: ID!) { chat(id: $id) { color } }', { id: toGlobalId('Chat', chatId) }, member.token)).body.data.chat.color;

  test('#rrggbb and #rgb are stored lower-case as #rrggbb, for the caller only', async () => {
    const [ann, bob] = await pair();
    const chatId = await chatOfMessage((await send(ann, bob, 'c0')).body.message_data[0].id);
    expect((await social(gw, 'change-chat-color', { user_id: String(bob.id), color: '#FFFFFF' }, ann.token)).body).toEqual({ api_status: 200 });
    expect((await participant(chatId, ann.id)).color).toBe('#ffffff');
    expect((await social(gw, 'change-chat-color', { user_id: String(bob.id), color: '#AbC' }, ann.token)).body).toEqual({ api_status: 200 });
    expect(await colorOf(ann, chatId)).toBe('#aabbcc');
    expect(await colorOf(bob, chatId)).toBeNull();
    expect((await participant(chatId, bob.id)).color).toBeNull();
  });

  test('an invalid colour is an error and changes nothing', async () => {
    const [ann, bob] = await pair();
    const chatId = await chatOfMessage((await send(ann, bob, 'c1')).body.message_data[0].id);
    await social(gw, 'change-chat-color', { user_id: String(bob.id), color: '#123456' }, ann.token);
    for (const color of ['red', '#12345', '#gggggg', '']) {
      expectError(await social(gw, 'change-chat-color', { user_id: String(bob.id), color }, ann.token), 3, /color/);
    }
    expectError(await social(gw, 'change-chat-color', { color: '#000000' }, ann.token), 3, /user_id/);
    expect((await participant(chatId, ann.id)).color).toBe('#123456');
  });
});

describe('POST /api/delete-conversation', () => {
  test('hides the history for the caller only; a later message shows again for both', async () => {
    const [ann, bob] = await pair();
    const chatId = await chatOfMessage((await send(ann, bob, 'd1', 'one')).body.message_data[0].id);
    const last = (await send(bob, ann, 'd2', 'two')).body.message_data[0];
    const messages = await gw.count('messages');
    const res = await social(gw, 'delete-conversation', { user_id: String(bob.id) }, ann.token);
    expect(res.body).toEqual({ api_status: 200, message: 'The conversation has been deleted' });
    expect(await chatApiTexts(ann, chatId)).toEqual([]);
    expect(await chatApiTexts(bob, chatId)).toEqual(['two', 'one']);
    expect(await gw.count('messages')).toBe(messages);
    expect((await participant(chatId, ann.id)).deleted_up_to_message_id).toBe(Number(last.id));
    expect((await participant(chatId, bob.id)).deleted_up_to_message_id).toBeNull();

    await send(bob, ann, 'd3', 'three');
    expect(await chatApiTexts(ann, chatId)).toEqual(['three']);
    expect(await chatApiTexts(bob, chatId)).toEqual(['three', 'two', 'one']);
  });

  test('a conversation that never existed answers success and creates nothing; a missing user_id is an error', async () => {
    const [ann, bob] = await pair();
    const before = await counts(gw, TABLES);
    expect((await social(gw, 'delete-conversation', { user_id: String(bob.id) }, ann.token)).body).toEqual({ api_status: 200, message: 'The conversation has been deleted' });
    expectError(await social(gw, 'delete-conversation', {}, ann.token), 3, /user_id/);
    expect(await counts(gw, TABLES)).toEqual(before);
  });
});
