import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import WebSocket from 'ws';
import { closeGateway } from '../support/ws';
import { toGlobalId } from '../../src/graphql/node';

const SESSIONS = '{ sessions { id: databaseId createdAt lastUsedAt expiresAt ip deviceId current } }';
const login = (gw: TestGateway, name: string, password: string, deviceId = 'phone-1') =>
  gw.gql('mutation($l: String!, $p: String!, $d: String) { login(input: { login: $l, password: $p, deviceId: $d }) { token } }', { l: name, p: password, d: deviceId });

/** A raw graphql-ws handshake with `token`: "connected" on connection_ack, else how the server closed. */
function socketAnswer(gw: TestGateway, token: string): Promise<string> {
  const socket = new WebSocket(`${gw.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  return new Promise<string>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve('connected');
      socket.close();
    });
    socket.on('close', (code) => resolve(`closed ${code}`));
    socket.on('error', reject);
  });
}

/** Whether `token` still signs in at each door: GraphQL over HTTP, the social access_token, the chat API's Bearer, a WebSocket. */
async function doors(gw: TestGateway, token: string) {
  const graphql = (await gw.gql('{ viewer { id: databaseId } }', {}, token)).status;
  const social = (await gw.http('POST', `/api/get-many-users-data?access_token=${token}`, { form: { server_key: SERVER_KEY, user_ids: '1' } })).body.api_status;
  const chat = (await gw.http('GET', '/api/chats', { headers: { authorization: `Bearer ${token}` } })).status;
  const socket = await socketAnswer(gw, token);
  return { graphql, social, chat, socket };
}

describe("the viewer's sessions", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => closeGateway(gw));

  test("sessions lists the viewer's own, most recently used first, with when, where from and which is current", async () => {
    const member = await gw.member('sessioner1', 'right-password-1');
    const other = await gw.member('sessioner2');
    const second = (await login(gw, 'sessioner1', 'right-password-1')).body.data.login.token;
    const { body } = await gw.gql(SESSIONS, {}, second);
    expect(body.data.sessions).toHaveLength(2);
    const [current, first] = body.data.sessions;
    expect(current).toMatchObject({ ip: '127.0.0.1', deviceId: 'phone-1', current: true });
    expect(first).toMatchObject({ ip: '127.0.0.1', deviceId: null, current: false });
    const days = (Date.parse(current.expiresAt) - Date.parse(current.lastUsedAt)) / 86_400_000;
    expect(days).toBeCloseTo(30, 3); // SESSION_TTL's default
    expect((await gw.gql(SESSIONS, {}, member.token)).body.data.sessions.map((s: any) => s.current)).toEqual([false, true]);
    expect((await gw.gql(SESSIONS, {}, other.token)).body.data.sessions).toHaveLength(1);
    expect((await gw.gql(SESSIONS)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test("revokeSession ends one of the viewer's sessions at every door; another user's session is NOT_FOUND and keeps working", async () => {
    const member = await gw.member('sessioner3', 'right-password-3');
    const stranger = await gw.member('sessioner4');
    const phone = (await login(gw, 'sessioner3', 'right-password-3')).body.data.login.token;
    const [phoneSession] = (await gw.gql(SESSIONS, {}, phone)).body.data.sessions;
    const strangerSession = (await gw.gql(SESSIONS, {}, stranger.token)).body.data.sessions[0];
    const byStranger = await gw.gql(`mutation { revokeSession(sessionId: "${toGlobalId('Session', phoneSession.id)}") }`, {}, stranger.token);
    expect(byStranger.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await gw.gql(`mutation { revokeSession(sessionId: "${toGlobalId('Session', strangerSession.id)}") }`, {}, member.token)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await doors(gw, phone)).toEqual({ graphql: 200, social: 200, chat: 200, socket: 'connected' });
    expect((await gw.gql(`mutation { revokeSession(sessionId: "${toGlobalId('Session', phoneSession.id)}") }`, {}, member.token)).body.data.revokeSession).toBe(toGlobalId('Session', phoneSession.id));
    expect(await doors(gw, phone)).toEqual({ graphql: 401, social: '400', chat: 401, socket: 'closed 4403' });
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, member.token)).body.data.viewer.id).toBe(member.id);
    expect((await gw.gql(`mutation { revokeSession(sessionId: "${toGlobalId('Session', phoneSession.id)}") }`, {}, member.token)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  test('API keys are listed to their owner only, and another member revoking one gets NOT_FOUND', async () => {
    const owner = await gw.member('keyowner1');
    const stranger = await gw.member('keyowner2');
    const created = (await gw.gql('mutation { createApiKey(name: "ci") { apiKey { id: databaseId } secret } }', {}, owner.token)).body.data.createApiKey;
    expect((await gw.gql('{ apiKeys { nodes { id: databaseId name } } }', {}, owner.token)).body.data.apiKeys.nodes).toEqual([{ id: created.apiKey.id, name: 'ci' }]);
    expect((await gw.gql('{ apiKeys { nodes { id: databaseId } } }', {}, stranger.token)).body.data.apiKeys.nodes).toEqual([]);
    const basic = { authorization: `Basic ${Buffer.from(`app:${created.secret}`).toString('base64')}` };
    expect((await gw.gql(`mutation { revokeApiKey(apiKeyId: "${toGlobalId('ApiKey', created.apiKey.id)}") }`, {}, stranger.token)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await gw.http('GET', '/api/v1/users/me', { headers: basic })).status).toBe(200);
    expect((await gw.gql(`mutation { revokeApiKey(apiKeyId: "${toGlobalId('ApiKey', created.apiKey.id)}") }`, {}, owner.token)).body.data.revokeApiKey).toBe(toGlobalId('ApiKey', created.apiKey.id));
    expect((await gw.http('GET', '/api/v1/users/me', { headers: basic })).status).toBe(403);
  });
  test('a use is written at most every 5 minutes (a tenth of the lifetime, at most 5 minutes), and pushes the end forward', async () => {
    const member = await gw.member('sessioner5');
    const db = gw.app.database.db;
    const writes = () => gw.queries.filter((sql) => /^update "access_tokens"/i.test(sql)).length;
    const before = writes();
    for (let i = 0; i < 10; i++) expect((await gw.gql('{ viewer { id: databaseId } }', {}, member.token)).status).toBe(200);
    expect(writes()).toBe(before);
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const lifetime = 30 * 86_400_000;
    await db
      .updateTable('access_tokens')
      .set({ last_used_at: sixMinutesAgo.toISOString(), expires_at: new Date(sixMinutesAgo.getTime() + lifetime).toISOString() })
      .where('user_id', '=', member.id)
      .execute();
    const afterAging = writes();
    for (let i = 0; i < 10; i++) expect((await gw.gql('{ viewer { id: databaseId } }', {}, member.token)).status).toBe(200);
    expect(writes()).toBe(afterAging + 1);
    const row = await db.selectFrom('access_tokens').select(['last_used_at', 'expires_at']).where('user_id', '=', member.id).executeTakeFirstOrThrow();
    expect(Date.now() - Date.parse(row.last_used_at!)).toBeLessThan(60_000);
    expect(Date.parse(row.expires_at!) - Date.parse(row.last_used_at!)).toBe(lifetime);
  });
});

describe('sessions expire (SESSION_TTL, sliding)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ SESSION_TTL: '2' });
  });
  afterAll(() => closeGateway(gw));

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  test('a session used within its lifetime lives on past it; idle for a lifetime, it ends at every door and its row is gone', async () => {
    const member = await gw.member('expirer1');
    for (let i = 0; i < 4; i++) {
      await sleep(900);
      expect((await gw.gql('{ viewer { id: databaseId } }', {}, member.token)).status).toBe(200);
    }
    // 3.6 s after sign-in, twice the lifetime: still signed in, because it was used.
    expect(await doors(gw, member.token)).toEqual({ graphql: 200, social: 200, chat: 200, socket: 'connected' });
    await sleep(2300);
    expect(await doors(gw, member.token)).toEqual({ graphql: 401, social: '400', chat: 401, socket: 'closed 4403' });
    expect(await gw.app.database.db.selectFrom('access_tokens').select('id').where('user_id', '=', member.id).execute()).toEqual([]);
  });
});
