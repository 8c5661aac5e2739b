import { filesUnder } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
type Member = { id: number; token: string };
let ann: Member;
let bob: Member;
let eve: Member;

beforeAll(async () => {
  gw = await startTestGateway();
  [ann, bob, eve] = await Promise.all([gw.member('ann'), gw.member('bob'), gw.member('eve')]);
});
afterAll(() => gw.close());

/** A chat API call with the member's Bearer token. */
function chat(member: Member, method: string, path: string, json?: Record<string, unknown>) {
  return gw.http(method, `/api${path}`, { headers: { authorization: `Bearer ${member.token}` }, ...(json ? { json } : {}) });
}

/** The direct chat of two members, started by a GraphQL message from the first. */
async function directChat(from: Member, to: Member, text = 'hello'): Promise<number> {
  const res = await gw.gql('mutation($input: SendMessageInput!) { sendMessage(input: $input) { chatId: chatDatabaseId } }', { input: { toUserId: toGlobalId('User', to.id), text } }, from.token);
  return res.body.data.sendMessage.chatId;
}

async function groupChat(owner: Member, title: string, members: Member[]): Promise<number> {
  const res = await gw.gql(
    'mutation($t: String!, $ids: [ID!]!) { createGroupChat(input: { title: $t, userIds: $ids }) { id: databaseId } }',
    { t: title, ids: members.map((m) => toGlobalId('User', m.id)) },
    owner.token,
  );
  return res.body.data.createGroupChat.id;
}

const NOT_FOUND = { status: 'error', message: expect.stringMatching(/does not exist|not in chat/) };
const FORBIDDEN = { status: 'error', message: expect.any(String) };

describe('POST /api/chats/{chat}/messages', () => {
  test('sends a message that the other participant reads in GET /api/chats/{chat}/messages', async () => {
    const chatId = await directChat(ann, bob, 'first');
    const sent = await chat(bob, 'POST', `/chats/${chatId}/messages`, { message: 'hi ann' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'success', data: { chat_id: chatId, user_id: bob.id, message: 'hi ann', reply: null } });
    const read = await chat(ann, 'GET', `/chats/${chatId}/messages`);
    expect(read.body.status).toBe('success');
    expect(read.body.data.map((m: any) => m.message)).toEqual(['hi ann', 'first']);
  });

  test('a reply names a message of the same chat; a message of another chat is refused with 422', async () => {
    const chatId = await directChat(ann, eve, 'question?');
    const other = await directChat(bob, eve, 'elsewhere');
    const first = (await chat(eve, 'GET', `/chats/${chatId}/messages`)).body.data[0];
    const reply = await chat(eve, 'POST', `/chats/${chatId}/messages`, { message: 'answer', reply: first.id });
    expect(reply.body.data.reply).toBe(first.id);
    const foreign = (await chat(eve, 'GET', `/chats/${other}/messages`)).body.data[0];
    const bad = await chat(eve, 'POST', `/chats/${chatId}/messages`, { message: 'answer', reply: foreign.id });
    expect(bad.status).toBe(422);
    expect(bad.body).toEqual({ status: 'error', message: expect.stringContaining('not a message of this chat') });
  });

  test('a missing message or a non-numeric chat id is 422 and writes nothing', async () => {
    const chatId = await directChat(ann, bob);
    const before = await gw.count('messages');
    expect((await chat(ann, 'POST', `/chats/${chatId}/messages`, {})).status).toBe(422);
    expect((await chat(ann, 'POST', `/chats/${chatId}/messages`, { message: '   ' })).status).toBe(422);
    expect((await chat(ann, 'POST', '/chats/abc/messages', { message: 'x' })).status).toBe(422);
    expect(await gw.count('messages')).toBe(before);
  });

  test('without a token: 401 in the chat envelope', async () => {
    const res = await gw.http('POST', '/api/chats/1/messages', { json: { message: 'x' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ status: 'error', message: 'Unauthenticated.' });
  });

  test('a direct chat of two others is 404 (its existence does not leak); a group one is 403', async () => {
    const direct = await directChat(ann, bob);
    const group = await groupChat(ann, 'Team', [bob]);
    const before = await gw.count('messages');
    const hidden = await chat(eve, 'POST', `/chats/${direct}/messages`, { message: 'sneaky' });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(NOT_FOUND);
    expect((await chat(eve, 'POST', '/chats/999999/messages', { message: 'x' })).status).toBe(404);
    const closed = await chat(eve, 'POST', `/chats/${group}/messages`, { message: 'sneaky' });
    expect(closed.status).toBe(403);
    expect(closed.body).toEqual(FORBIDDEN);
    expect(await gw.count('messages')).toBe(before);
  });
});

describe('GET /api/chats', () => {
  test("lists the caller's chats pinned first, then by last activity, archived ones after the rest", async () => {
    const me = await gw.member('lister');
    const [p1, p2, p3] = await Promise.all([gw.member('lp1'), gw.member('lp2'), gw.member('lp3')]);
    const c1 = await directChat(p1, me, 'one');
    const c2 = await directChat(p2, me, 'two');
    const c3 = await directChat(p3, me, 'three');
    expect((await chat(me, 'GET', '/chats')).body.data.map((c: any) => c.id)).toEqual([c3, c2, c1]);
    expect((await chat(me, 'POST', `/chats/${c1}/toggle-pin`)).body).toEqual({ status: 'success' });
    expect((await chat(me, 'POST', `/chats/${c3}/toggle-archive`)).body).toEqual({ status: 'success' });
    const list = (await chat(me, 'GET', '/chats')).body;
    expect(list.status).toBe('success');
    expect(list.data.map((c: any) => [c.id, c.is_pinned, c.is_archived])).toEqual([
      [c1, true, false],
      [c2, false, false],
      [c3, false, true],
    ]);
    const first = list.data[0];
    expect(first).toMatchObject({ type: 'direct', title: null, unread_count: 1, participant_id: expect.any(Number), color: null });
    expect(first.participants.map((p: any) => p.user_id).sort()).toEqual([me.id, p1.id].sort());
    expect(first.last_message).toMatchObject({ message: 'one', user_id: p1.id });
    // toggles take it back
    await chat(me, 'POST', `/chats/${c1}/toggle-pin`);
    await chat(me, 'POST', `/chats/${c3}/toggle-archive`);
    expect((await chat(me, 'GET', '/chats')).body.data.map((c: any) => [c.id, c.is_pinned, c.is_archived])).toEqual([
      [c3, false, false],
      [c2, false, false],
      [c1, false, false],
    ]);
  });

  test("pin and archive are the caller's own: the other participant's view does not change", async () => {
    const chatId = await directChat(ann, bob);
    await chat(ann, 'POST', `/chats/${chatId}/toggle-pin`);
    const bobs = (await chat(bob, 'GET', '/chats')).body.data.find((c: any) => c.id === chatId);
    expect(bobs.is_pinned).toBe(false);
  });

  test('toggle-pin and toggle-archive: 404 for an unknown chat, 403 for a group the caller is not in', async () => {
    const group = await groupChat(ann, 'Closed', [bob]);
    for (const action of ['toggle-pin', 'toggle-archive']) {
      expect((await chat(eve, 'POST', `/chats/424242/${action}`)).status).toBe(404);
      expect((await chat(eve, 'POST', `/chats/${group}/${action}`)).status).toBe(403);
    }
  });

  test('GET on a POST-only path is 405 with Allow', async () => {
    const res = await chat(ann, 'GET', '/chats/1/toggle-pin');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(res.body.status).toBe('error');
  });
});

describe('GET /api/chats/{chat}/messages?page=', () => {
  test('20 a page, newest first; past the end is an empty page', async () => {
    const me = await gw.member('pager');
    const other = await gw.member('pagee');
    const chatId = await directChat(me, other, 'm1');
    for (let i = 2; i <= 45; i++) await chat(me, 'POST', `/chats/${chatId}/messages`, { message: `m${i}` });
    const page = async (n?: number) => (await chat(other, 'GET', `/chats/${chatId}/messages${n ? `?page=${n}` : ''}`)).body.data.map((m: any) => m.message);
    expect(await page()).toEqual(Array.from({ length: 20 }, (_, i) => `m${45 - i}`));
    expect(await page(2)).toEqual(Array.from({ length: 20 }, (_, i) => `m${25 - i}`));
    expect(await page(3)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(await page(4)).toEqual([]);
  });

  test('page 0, a negative or a non-numeric page is 422', async () => {
    const chatId = await directChat(ann, bob);
    for (const page of ['0', '-1', 'two']) {
      const res = await chat(ann, 'GET', `/chats/${chatId}/messages?page=${page}`);
      expect(res.status).toBe(422);
      expect(res.body.status).toBe('error');
    }
  });

  test('not a participant: 404 for a direct chat', async () => {
    const chatId = await directChat(ann, bob);
    expect((await chat(eve, 'GET', `/chats/${chatId}/messages`)).status).toBe(404);
  });
});

describe('GET /api/chats/{chat}/search-messages?q=', () => {
  let chatId: number;
  beforeAll(async () => {
    chatId = await directChat(ann, bob, 'the blue whale swims');
    for (const text of ['a red fox', 'blue skies and a blue sea', 'Crème brûlée recipe', 'say "hi" (quoted) NEAR here *star*']) {
      await chat(bob, 'POST', `/chats/${chatId}/messages`, { message: text });
    }
  });
  const search = async (q: string, who: Member = ann) => chat(who, 'GET', `/chats/${chatId}/search-messages?q=${encodeURIComponent(q)}`);

  test('finds by words, best match first, with prefixes and folded accents', async () => {
    const blue = await search('blue');
    expect(blue.status).toBe(200);
    expect(blue.body.data.map((m: any) => m.message)).toEqual(['blue skies and a blue sea', 'the blue whale swims']);
    expect((await search('wha')).body.data.map((m: any) => m.message)).toEqual(['the blue whale swims']);
    expect((await search('creme brulee')).body.data.map((m: any) => m.message)).toEqual(['Crème brûlée recipe']);
    expect((await search('fox red')).body.data.map((m: any) => m.message)).toEqual(['a red fox']);
  });

  test('FTS syntax in the query is only text: quotes, *, NEAR, AND/OR, unbalanced parentheses', async () => {
    for (const q of ['"', '"hi', '*', 'NEAR(', 'hi NEAR here', '(quoted', 'quoted)', 'blue AND', 'OR', '-blue', 'blue:', '^', 'col:blue', "'; DROP TABLE messages; --"]) {
      const res = await search(q);
      expect([q, res.status, res.body.status]).toEqual([q, 200, 'success']);
    }
    expect((await search('"hi" NEAR')).body.data.map((m: any) => m.message)).toEqual(['say "hi" (quoted) NEAR here *star*']);
    expect((await search('*star*')).body.data.map((m: any) => m.message)).toEqual(['say "hi" (quoted) NEAR here *star*']);
    expect((await search('((')).body.data).toEqual([]);
    expect(await gw.count('messages')).toBeGreaterThan(0);
  });

  test('q is required (422); outsiders get 404', async () => {
    expect((await chat(ann, 'GET', `/chats/${chatId}/search-messages`)).status).toBe(422);
    expect((await search('blue', eve)).status).toBe(404);
  });
});

describe('POST /api/chats/{chat}/messages/{message}/starred/{participant}', () => {
  test('toggles a star for the caller and answers their starred messages in the chat', async () => {
    const chatId = await directChat(ann, bob, 'star me');
    const mine = (await chat(ann, 'GET', '/chats')).body.data.find((c: any) => c.id === chatId);
    const message = mine.last_message;
    const path = `/chats/${chatId}/messages/${message.id}/starred/${mine.participant_id}`;
    const on = await chat(ann, 'POST', path);
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ status: 'success', data: [expect.objectContaining({ id: message.id, is_starred: true })] });
    expect((await chat(ann, 'GET', `/chats/${chatId}/messages`)).body.data[0].is_starred).toBe(true);
    expect((await chat(bob, 'GET', `/chats/${chatId}/messages`)).body.data[0].is_starred).toBe(false);
    const off = await chat(ann, 'POST', path);
    expect(off.body).toEqual({ status: 'success', data: [] });
  });

  test("another participant's id is 403; an id from another chat, or a message of another chat, is 404", async () => {
    const chatId = await directChat(ann, bob, 'mine');
    const other = await directChat(ann, eve, 'other');
    const view = (member: Member, id: number) => chat(member, 'GET', '/chats').then((r) => r.body.data.find((c: any) => c.id === id));
    const annView = await view(ann, chatId);
    const bobView = await view(bob, chatId);
    const otherView = await view(ann, other);
    const msg = annView.last_message.id;
    expect((await chat(ann, 'POST', `/chats/${chatId}/messages/${msg}/starred/${bobView.participant_id}`)).status).toBe(403);
    expect((await chat(ann, 'POST', `/chats/${chatId}/messages/${msg}/starred/${otherView.participant_id}`)).status).toBe(404);
    expect((await chat(ann, 'POST', `/chats/${chatId}/messages/${otherView.last_message.id}/starred/${annView.participant_id}`)).status).toBe(404);
    expect((await chat(eve, 'POST', `/chats/${chatId}/messages/${msg}/starred/${annView.participant_id}`)).status).toBe(404);
    expect(await gw.count('message_stars')).toBe(0);
  });
});

describe('POST /api/chats/{chat}/media-messages', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d00000000049454e44ae426082', 'hex');

  test('an uploaded file is stored, linked from the message and served back', async () => {
    const chatId = await directChat(ann, bob);
    const form = new FormData();
    form.set('message', 'a picture');
    form.set('media', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    const res = await gw.http('POST', `/api/chats/${chatId}/media-messages`, { headers: { authorization: `Bearer ${ann.token}` }, multipart: form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'success', data: { message: 'a picture', media_type: 'image', media: expect.stringMatching(/^http:\/\/localhost:\d+\/uploads\/.+\.png$/) } });
    const served = await fetch(res.body.data.media);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  test('a media URL is kept as a link', async () => {
    const chatId = await directChat(ann, bob);
    const res = await chat(ann, 'POST', `/chats/${chatId}/media-messages`, { message: 'look', media: 'https://example.com/cat.gif' });
    expect(res.body.data).toMatchObject({ media: 'https://example.com/cat.gif', media_type: 'link' });
  });

  test('a disallowed type, a spoofed file, a missing media or a bad URL is 422 and leaves no file or row', async () => {
    const chatId = await directChat(ann, bob);
    const before = { messages: await gw.count('messages'), media: await gw.count('media_files') };
    const send = (name: string, bytes: Buffer<ArrayBuffer>) => {
      const form = new FormData();
      form.set('message', 'x');
      form.set('media', new Blob([bytes]), name);
      return gw.http('POST', `/api/chats/${chatId}/media-messages`, { headers: { authorization: `Bearer ${ann.token}` }, multipart: form });
    };
    const exe = await send('tool.exe', Buffer.from('MZ-not-an-image'));
    expect(exe.status).toBe(422);
    expect(exe.body.message).toMatch(/not allowed/);
    const spoofed = await send('fake.png', Buffer.from('<?php echo 1; ?>'));
    expect(spoofed.status).toBe(422);
    expect((await chat(ann, 'POST', `/chats/${chatId}/media-messages`, { message: 'x' })).status).toBe(422);
    expect((await chat(ann, 'POST', `/chats/${chatId}/media-messages`, { message: 'x', media: 'javascript:alert(1)' })).status).toBe(422);
    expect({ messages: await gw.count('messages'), media: await gw.count('media_files') }).toEqual(before);
  });

  test('a file over the size limit is 422 in the chat envelope and nothing is stored', async () => {
    const small = await startTestGateway({ UPLOAD_MAX_BYTES: '2048' });
    try {
      const a = await small.member('big1');
      const b = await small.member('big2');
      const sent = await small.gql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { chatId: chatDatabaseId } }',
        { input: { toUserId: toGlobalId('User', b.id), text: 'hi' } },
        a.token,
      );
      const chatId = sent.body.data.sendMessage.chatId;
      const form = new FormData();
      form.set('message', 'huge');
      form.set('media', new Blob([Buffer.concat([PNG, Buffer.alloc(4096)])]), 'huge.png');
      const res = await small.http('POST', `/api/chats/${chatId}/media-messages`, { headers: { authorization: `Bearer ${a.token}` }, multipart: form });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ status: 'error', message: expect.stringMatching(/larger than/) });
      expect(await small.count('media_files')).toBe(0);
      expect(await small.count('messages')).toBe(1);
      expect(filesUnder(small.uploadDir)).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

test('the social API and the chat API share conversations: a social send-message appears in GET /api/chats', async () => {
  const a = await gw.member('crossa');
  const b = await gw.member('crossb');
  const viaSocial = await social(gw, 'send-message', { user_id: String(b.id), message_hash_id: '77', text: 'via social' }, a.token);
  expect(viaSocial.body.api_status).toBe(200);
  const list = (await chat(b, 'GET', '/chats')).body.data;
  expect(list).toHaveLength(1);
  expect(list[0].last_message).toMatchObject({ message: 'via social', user_id: a.id });
});
