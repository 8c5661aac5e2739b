import { startTestGateway, type TestGateway } from '../support/gateway';
import { toGlobalId } from '../../src/graphql/node';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('POST /api/login', () => {
  test('answers { token } for an email and password, form or JSON', async () => {
    await gw.member('chatter');
    const form = await gw.http('POST', '/api/login', { form: { email: 'chatter@example.com', password: 'password123' } });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({ token: expect.any(String) });
    const json = await gw.http('POST', '/api/login', { json: { email: 'CHATTER@example.com', password: 'password123' } });
    expect((await gw.gql('{ viewer { username } }', {}, json.body.token)).body.data.viewer.username).toBe('chatter');
  });

  test('invalid input is 422, wrong credentials 401, and no session is made', async () => {
    const before = await gw.count('access_tokens');
    const forms: Record<string, string>[] = [{ password: 'password123' }, { email: 'not-an-email', password: 'password123' }, { email: 'chatter@example.com', password: 'ab' }];
    for (const form of forms) {
      const res = await gw.http('POST', '/api/login', { form });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({ status: 'error', message: expect.any(String) });
    }
    const wrong = await gw.http('POST', '/api/login', { form: { email: 'chatter@example.com', password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ status: 'error', message: 'Invalid credentials' });
    expect(await gw.count('access_tokens')).toBe(before);
  });
});

describe('POST /api/users/{user}/set-status/{status}', () => {
  test('sets the caller online and offline', async () => {
    const { id, token } = await gw.member('presence');
    const res = await gw.http('POST', `/api/users/${id}/set-status/online`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'success' });
    const row = await gw.app.database.db.selectFrom('users').select(['presence', 'last_seen_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.presence).toBe('online');
    expect(row.last_seen_at).not.toBeNull();
    await gw.http('POST', `/api/users/${id}/set-status/offline`, { headers: { authorization: `Bearer ${token}` } });
    expect((await gw.gql(`{ user(id: "${toGlobalId('User', id)}") { presence } }`)).body.data.user.presence).toBe('OFFLINE');
  });

  test("a bad status, someone else's id or no token changes nothing", async () => {
    const { id, token } = await gw.member('quiet');
    const other = await gw.member('noisy');
    const auth = { authorization: `Bearer ${token}` };
    const bad = await gw.http('POST', `/api/users/${id}/set-status/away`, { headers: auth });
    expect(bad.status).toBe(422);
    expect(bad.body.status).toBe('error');
    expect((await gw.http('POST', `/api/users/${other.id}/set-status/online`, { headers: auth })).status).toBe(403);
    expect((await gw.http('POST', `/api/users/${id}/set-status/online`)).status).toBe(401);
    expect((await gw.http('POST', '/api/users/abc/set-status/online', { headers: auth })).status).toBe(422);
    const rows = await gw.app.database.db.selectFrom('users').select('presence').where('id', 'in', [id, other.id]).execute();
    expect(rows.map((r) => r.presence)).toEqual(['offline', 'offline']);
  });
});
