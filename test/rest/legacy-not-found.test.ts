import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe("an unknown path under a family's prefix answers in that family's envelope", () => {
  test('social: a server_key field (form, JSON or query), or no credentials at all, gets api_status "404"', async () => {
    const expected = { api_status: '404', errors: { error_id: 11, error_text: 'No endpoint for POST /api/no-such-endpoint' } };
    for (const res of [
      await gw.http('POST', '/api/no-such-endpoint', { form: { server_key: SERVER_KEY } }),
      await gw.http('POST', '/api/no-such-endpoint', { json: { server_key: 'wrong' } }),
      await gw.http('POST', '/api/no-such-endpoint?server_key=x'),
      await gw.http('POST', '/api/no-such-endpoint'),
    ]) {
      expect([res.status, res.body]).toEqual([200, expected]);
    }
  });

  test('chat: a Bearer token gets a 404 with {"status":"error","message"}', async () => {
    const res = await gw.http('GET', '/api/chats/1/no-such-thing', { headers: { authorization: 'Bearer some-token' } });
    expect([res.status, res.body]).toEqual([404, { status: 'error', message: 'No endpoint for GET /api/chats/1/no-such-thing' }]);
  });

  test('marketing: an api_key in the query or the form gets {"status":"error","message"} with HTTP 200', async () => {
    const query = await gw.http('GET', '/api/get_everything?api_key=k');
    expect([query.status, query.body]).toEqual([200, { status: 'error', message: 'No endpoint for GET /api/get_everything' }]);
    const form = await gw.http('POST', '/api/get_everything', { form: { api_key: 'k' } });
    expect([form.status, form.body]).toEqual([200, { status: 'error', message: 'No endpoint for POST /api/get_everything' }]);
  });

  test('community: /api/v1/… gets its {"id","status","time","message"} 404, whatever the credentials', async () => {
    for (const headers of [{}, { authorization: 'Bearer x' }] as Record<string, string>[]) {
      const res = await gw.http('GET', '/api/v1/no-such-thing?server_key=x', { headers });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ id: expect.any(String), status: 'NOT_FOUND', time: expect.stringMatching(/Z$/), message: 'No endpoint for GET /api/v1/no-such-thing' });
    }
  });

  test("no legacy 404 shows the framework's own body; paths outside /api keep the plain JSON 404", async () => {
    for (const path of ['/api/x', '/api/v1/x', '/api/chats/9/x']) {
      expect(JSON.stringify((await gw.http('GET', path)).body)).not.toContain('"error":"Not Found"');
    }
    const other = await gw.http('GET', '/nowhere/at/all');
    expect([other.status, other.body]).toEqual([404, { error: 'Not Found', message: 'No route for GET /nowhere/at/all' }]);
  });
});
