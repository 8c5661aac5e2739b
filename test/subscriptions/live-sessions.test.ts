import { accessChanged } from '../../src/graphql/pubsub';
import { ADMIN_API_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { makeAdmin, type Member, newMembers, ok } from '../support/graphql';
import { sleep, waitFor } from '../support/wait';
import { closeGateway, collect, openSocket, probeMessage, runOver, type Socket, type Stream } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

const MESSAGE_ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { id: databaseId text } }';
const TYPING_CHANGED = 'subscription($chatId: ID!) { typingChanged(chatId: $chatId) { userId: userDatabaseId typing } }';
const WEBHOOK_EVENT = 'subscription { webhookEvent(events: ["member.joined"]) }';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id: databaseId } }';
const CREATE_API_KEY = 'mutation { createApiKey(name: "from the socket") { secret } }';
const communityAdmin = { authorization: `Basic ${Buffer.from(`backend:${ADMIN_API_KEY}`).toString('base64')}` };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ WEBHOOK_DISPATCH: '0' });
  // A non-lazy client reports its socket's close on console.error; here the 4403 closes are the point.
  const report = console.error;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if ((args[0] as { code?: unknown } | undefined)?.code !== 4403) report(...args);
  });
});
afterAll(() => closeGateway(gw));

const members = (n: number) => newMembers(gw, n, 'live');

/** messageAdded of `chatId` on `socket`, resolved once it streams (marker messages until then). */
async function listenToChat(socket: Socket, viewer: Member, chatId: number, g = gw): Promise<Stream> {
  const stream = collect(socket.client, MESSAGE_ADDED, { chatId: toGlobalId('Chat', chatId) });
  await waitFor(
    () => {
      if (stream.errors.length > 0 || stream.completed) throw new Error(`subscription did not start: ${JSON.stringify(stream)}`);
      if (stream.probes === 0) probeMessage(g, [viewer.id], chatId);
      return stream.probes > 0;
    },
    3000,
    'messageAdded streaming',
  );
  return stream;
}

/** webhookEvent (member.joined) on `socket`, resolved once a sign-up reached it. */
async function listenToEvents(socket: Socket): Promise<Stream> {
  const stream = collect(socket.client, WEBHOOK_EVENT);
  await waitFor(
    async () => {
      if (stream.errors.length > 0 || stream.completed) throw new Error(`subscription did not start: ${JSON.stringify(stream)}`);
      if (stream.events.length === 0) await members(1);
      return stream.events.length > 0;
    },
    5000,
    'webhookEvent streaming',
  );
  await sleep(200); // sign-ups still in flight arrive now, not after the change under test
  return stream;
}

async function directChat(a: Member, b: Member): Promise<number> {
  return ok(await gw.gql('mutation($with: ID!) { setChatColor(input: { withUserId: $with, color: "#ffffff" }) { id: databaseId } }', { with: toGlobalId('User', b.id) }, a.token)).setChatColor.id;
}

/** A second session of `member` (with the password `gw.member` gives). */
async function signIn(member: Member): Promise<string> {
  const { username } = await gw.app.database.db.selectFrom('users').select('username').where('id', '=', member.id).executeTakeFirstOrThrow();
  return ok(await gw.gql('mutation($login: String!) { login(input: { login: $login, password: "password123" }) { token } }', { login: username })).login.token;
}

/** What graphql-ws delivers when a running subscription ends for `code`. */
const endedWith = (code: string) => [[expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })]];

async function apiKeysOf(userId: number): Promise<number> {
  const rows = await gw.app.database.db.selectFrom('api_keys').select('id').where('user_id', '=', userId).execute();
  return rows.length;
}

/**
 * A session that ended: its running subscription got UNAUTHENTICATED (then nothing), its socket
 * closed with 4403 within a second, and what it sends next runs nothing.
 */
async function expectSessionEnded(socket: Socket, stream: Stream, member: Member, changedAt: number): Promise<number> {
  await waitFor(() => socket.closedWith !== null, 1000, 'socket closed within a second');
  const took = Date.now() - changedAt;
  expect(took).toBeLessThan(1000);
  expect(socket.closedWith).toBe(4403);
  expect(stream.errors).toEqual(endedWith('UNAUTHENTICATED'));
  const next = await runOver(socket.client, CREATE_API_KEY);
  expect(next.refused).toBeDefined();
  expect(next.data).toBeUndefined();
  expect(await apiKeysOf(member.id)).toBe(0);
  return took;
}

describe('a session that ends ends its open sockets', () => {
  test('logout over HTTP: the running subscription ends with UNAUTHENTICATED and the socket closes with 4403 within a second', async () => {
    const [ann, bob] = await members(2);
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    expect(ok(await gw.gql('mutation { logout }', {}, ann.token)).logout).toBe(true);
    const took = await expectSessionEnded(socket, stream, ann, Date.now());
    process.stderr.write(`logout closed the open socket after ${took} ms\n`);
  });

  test('logout over HTTP, then at once an operation on the open socket: it is refused and writes nothing', async () => {
    const [ann] = await members(1);
    const socket = await openSocket(gw, ann.token);
    ok(await gw.gql('mutation { logout }', {}, ann.token));
    const created = await runOver(socket.client, CREATE_API_KEY);
    const update = await runOver(socket.client, 'mutation { updateProfile(input: { firstName: "After logout" }) { id: databaseId } }');
    for (const result of [created, update]) {
      expect(result.refused ?? result.errors).toBeDefined();
      expect(result.data?.createApiKey ?? result.data?.updateProfile ?? null).toBeNull();
    }
    expect(await apiKeysOf(ann.id)).toBe(0);
    const row = await gw.app.database.db.selectFrom('users').select('first_name').where('id', '=', ann.id).executeTakeFirstOrThrow();
    expect(row.first_name).not.toBe('After logout');
  });

  test('changePassword from another session ends the socket of the first one; the session that changed it keeps its socket', async () => {
    const [ann, bob] = await members(2);
    const other = await signIn(ann);
    const socket = await openSocket(gw, ann.token);
    const kept = await openSocket(gw, other);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    ok(await gw.gql('mutation { changePassword(input: { currentPassword: "password123", newPassword: "password-2" }) }', {}, other));
    await expectSessionEnded(socket, stream, ann, Date.now());
    expect(kept.closedWith).toBeNull();
    expect((await runOver(kept.client, '{ viewer { id: databaseId } }')).data.viewer.id).toBeDefined();
  });

  test("revokeSession from another session ends the revoked session's socket; the revoking session keeps its own", async () => {
    const [ann, bob] = await members(2);
    const other = await signIn(ann);
    const socket = await openSocket(gw, ann.token);
    const kept = await openSocket(gw, other);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    const sessions = ok(await gw.gql('{ sessions { id: databaseId } }', {}, other)).sessions as { id: number }[];
    expect(sessions).toHaveLength(2);
    // The first session: the one whose token the first socket holds.
    const target = (await gw.app.database.db.selectFrom('access_tokens').select('id').where('user_id', '=', ann.id).orderBy('id').executeTakeFirstOrThrow()).id;
    expect(sessions.map((session) => Number(session.id))).toContain(target);
    ok(await gw.gql('mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: toGlobalId('Session', target) }, other));
    await expectSessionEnded(socket, stream, ann, Date.now());
    expect(kept.closedWith).toBeNull();
  });

  test('a password reset by mailed code ends every socket of the account', async () => {
    const ann = await gw.member(`resetting${Date.now()}`);
    const [bob] = await members(1);
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    ok(await gw.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: ann.email }));
    const mail = gw.mailer.sent.filter((sent) => sent.to === ann.email).at(-1)!;
    const code = /([A-Za-z0-9_-]{16,})\W*$/.exec(mail.text)![1];
    ok(await gw.gql('mutation($code: String!) { resetPassword(input: { token: $code, newPassword: "fresh-pass" }) }', { code }));
    await expectSessionEnded(socket, stream, ann, Date.now());
  });

  test('deleteAccount from another session ends the socket', async () => {
    const [ann, bob] = await members(2);
    const other = await signIn(ann);
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    ok(await gw.gql('mutation { deleteAccount(password: "password123") }', {}, other));
    await expectSessionEnded(socket, stream, ann, Date.now());
  });

  test("an admin bans the user over GraphQL: the banned user's socket stops at once, and they can no longer send messages over it", async () => {
    const [ann, bob, admin] = await members(3);
    await makeAdmin(gw, admin.id);
    const chatId = await directChat(ann, bob);
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, chatId);
    ok(await gw.gql('mutation($id: ID!) { updateUser(input: { userId: $id, status: BANNED }) { id: databaseId } }', { id: toGlobalId('User', ann.id) }, admin.token));
    await expectSessionEnded(socket, stream, ann, Date.now());
    const sent = await runOver(socket.client, SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'still here?' } });
    expect(sent.data).toBeUndefined();
    const sentOver = await gw.app.database.db.selectFrom('messages').select('id').where('sender_id', '=', ann.id).execute();
    expect(sentOver).toEqual([]);
  });

  test('a session that expires while its socket only listens: the subscription ends within a second of the stored expiry', async () => {
    const [ann, bob] = await members(2);
    await gw.app.database.db
      .updateTable('access_tokens')
      .set({ expires_at: new Date(Date.now() + 1500).toISOString() })
      .where('user_id', '=', ann.id)
      .execute();
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    // The expiry as stored once the socket is listening (a sliding session may have moved it on).
    const stored = await gw.app.database.db.selectFrom('access_tokens').select('expires_at').where('user_id', '=', ann.id).executeTakeFirstOrThrow();
    const expiresAt = Date.parse(stored.expires_at!);
    await waitFor(() => socket.closedWith !== null, 4000, 'socket closed after the expiry');
    const late = Date.now() - expiresAt;
    process.stderr.write(`an idle socket closed ${late} ms after its session expired\n`);
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1000);
    expect(socket.closedWith).toBe(4403);
    expect(stream.errors).toEqual(endedWith('UNAUTHENTICATED'));
  });

  test("an expired session: the socket's next operation is refused with UNAUTHENTICATED, its subscriptions end and it closes with 4403", async () => {
    const [ann, bob] = await members(2);
    const socket = await openSocket(gw, ann.token);
    const stream = await listenToChat(socket, ann, await directChat(ann, bob));
    await gw.app.database.db
      .updateTable('access_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', ann.id)
      .execute();
    const next = await runOver(socket.client, CREATE_API_KEY);
    expect(next.refused).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    await waitFor(() => socket.closedWith !== null, 1000, 'socket closed');
    expect(socket.closedWith).toBe(4403);
    expect(stream.errors).toEqual(endedWith('UNAUTHENTICATED'));
    expect(await apiKeysOf(ann.id)).toBe(0);
  });
});

describe('the admin event stream goes only to admins active now', () => {
  test('an admin demoted over the community API: webhookEvent ends with FORBIDDEN before another payload, the socket stays and refuses a new one', async () => {
    const [carol] = await members(1);
    await makeAdmin(gw, carol.id);
    const socket = await openSocket(gw, carol.token);
    const stream = await listenToEvents(socket);
    const demoted = await gw.http('PATCH', `/api/v1/users/${carol.id}`, { json: { action: 101, data: { role_id: 4 } }, headers: communityAdmin });
    expect(demoted.status).toBe(200);
    await waitFor(() => stream.errors.length > 0, 1000, 'webhookEvent ended within a second');
    expect(stream.errors).toEqual(endedWith('FORBIDDEN'));
    const later = await gw.member(`afterdemotion${carol.id}`);
    await sleep(200);
    expect(JSON.stringify(stream.events)).not.toContain(later.email);
    expect(socket.closedWith).toBeNull();
    const again = await runOver(socket.client, WEBHOOK_EVENT);
    expect(JSON.stringify(again)).toContain('FORBIDDEN');
    expect((await runOver(socket.client, '{ viewer { id: databaseId } }')).data.viewer).toBeDefined();
  });

  test("an admin banned over GraphQL: webhookEvent ends with UNAUTHENTICATED, no payload with another user's email reaches them", async () => {
    const [dave, boss] = await members(2);
    await makeAdmin(gw, dave.id);
    await makeAdmin(gw, boss.id);
    const socket = await openSocket(gw, dave.token);
    const stream = await listenToEvents(socket);
    ok(await gw.gql('mutation($id: ID!) { updateUser(input: { userId: $id, status: BANNED }) { id: databaseId } }', { id: toGlobalId('User', dave.id) }, boss.token));
    await waitFor(() => stream.errors.length > 0, 1000, 'webhookEvent ended within a second');
    expect(stream.errors).toEqual(endedWith('UNAUTHENTICATED'));
    const later = await gw.member(`afterban${dave.id}`);
    await sleep(200);
    expect(JSON.stringify(stream.events)).not.toContain(later.email);
    await waitFor(() => socket.closedWith === 4403, 1000, 'socket closed');
  });

  test('a demoted admin whose socket misses the access change still gets no payload: the stream checks the current viewer per event', async () => {
    const [erin] = await members(1);
    await makeAdmin(gw, erin.id);
    const socket = await openSocket(gw, erin.token);
    const stream = await listenToEvents(socket);
    // Demoted in the database without the service's notice; the socket's next operation reads the new role.
    await gw.app.database.db.updateTable('users').set({ role_id: 4 }).where('id', '=', erin.id).execute();
    await runOver(socket.client, '{ viewer { id: databaseId } }');
    const later = await gw.member(`unnoticed${erin.id}`);
    await waitFor(() => stream.errors.length > 0, 1000, 'webhookEvent ended');
    expect(stream.errors).toEqual(endedWith('FORBIDDEN'));
    expect(JSON.stringify(stream.events)).not.toContain(later.email);
  });
});

describe('chat subscriptions end when the viewer no longer takes part', () => {
  async function groupOf(owner: Member, others: Member[]): Promise<number> {
    const data = ok(
      await gw.gql('mutation($ids: [ID!]!) { createGroupChat(input: { title: "g", userIds: $ids }) { id: databaseId } }', { ids: others.map((m) => toGlobalId('User', m.id)) }, owner.token),
    );
    return data.createGroupChat.id;
  }

  test('removed from a group: the next message of the chat ends messageAdded with FORBIDDEN and does not reach them', async () => {
    const [ann, bob, carl] = await members(3);
    const chatId = await groupOf(ann, [bob, carl]);
    const socket = await openSocket(gw, carl.token);
    const stream = await listenToChat(socket, carl, chatId);
    await gw.app.database.db.deleteFrom('chat_participants').where('chat_id', '=', chatId).where('user_id', '=', carl.id).execute();
    ok(await gw.gql(SEND, { input: { chatId: toGlobalId('Chat', chatId), text: 'not for carl' } }, ann.token));
    await waitFor(() => stream.errors.length > 0, 1000, 'messageAdded ended');
    expect(stream.errors).toEqual(endedWith('FORBIDDEN'));
    expect(stream.events).toEqual([]);
    expect(socket.closedWith).toBeNull();
  });

  test("leaveChat over HTTP: the leaver's messageAdded ends at once and the socket stays", async () => {
    const [ann, bob, erin] = await members(3);
    const chatId = await groupOf(ann, [bob, erin]);
    const socket = await openSocket(gw, erin.token);
    const stream = await listenToChat(socket, erin, chatId);
    const at = Date.now();
    expect(ok(await gw.gql('mutation($chatId: ID!) { leaveChat(chatId: $chatId) }', { chatId: toGlobalId('Chat', chatId) }, erin.token)).leaveChat).toBe(toGlobalId('Chat', chatId));
    await waitFor(() => stream.errors.length > 0, 1000, 'messageAdded ended within a second');
    expect(Date.now() - at).toBeLessThan(1000);
    expect(stream.errors[0][0].extensions.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(socket.closedWith).toBeNull();
  });

  test('removed from a group and told through accessChanged (what leaving publishes): messageAdded and typingChanged end at once', async () => {
    const [ann, bob, dana] = await members(3);
    const chatId = await groupOf(ann, [bob, dana]);
    const socket = await openSocket(gw, dana.token);
    const messages = await listenToChat(socket, dana, chatId);
    const typing = collect(socket.client, TYPING_CHANGED, { chatId: toGlobalId('Chat', chatId) });
    ok(await gw.gql('mutation($chatId: ID!) { setTyping(input: { chatId: $chatId, typing: true }) }', { chatId: toGlobalId('Chat', chatId) }, bob.token));
    await waitFor(() => typing.events.length > 0, 3000, 'typingChanged streaming');
    await gw.app.database.db.deleteFrom('chat_participants').where('chat_id', '=', chatId).where('user_id', '=', dana.id).execute();
    const at = Date.now();
    accessChanged(gw.app.gateway.services, [dana.id]);
    await waitFor(() => messages.errors.length > 0 && typing.errors.length > 0, 1000, 'both ended within a second');
    expect(Date.now() - at).toBeLessThan(1000);
    expect(messages.errors[0][0].extensions.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(typing.errors[0][0].extensions.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    expect(socket.closedWith).toBeNull();
  });
});
