import { loadConfig } from '../../src/config';
import { ADMIN_API_KEY, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

/** One route per family, each called as its family expects. */
const CALLS: Record<string, { key: string; call: (gw: TestGateway, token: string) => ReturnType<TestGateway['http']> }> = {
  social: { key: 'POST /api/get-site-settings', call: (gw) => gw.http('POST', '/api/get-site-settings', { form: { server_key: SERVER_KEY } }) },
  web: { key: 'GET /get_news_feed', call: (gw, token) => gw.http('GET', '/get_news_feed', { headers: { cookie: `gateway_session=${token}` } }) },
  community: { key: 'GET /api/v1/roles', call: (gw) => gw.http('GET', '/api/v1/roles', { headers: { authorization: `Basic ${Buffer.from(`crm:${ADMIN_API_KEY}`).toString('base64')}` } }) },
  chat: { key: 'GET /api/chats', call: (gw, token) => gw.http('GET', '/api/chats', { headers: { authorization: `Bearer ${token}` } }) },
  marketing: { key: 'GET /api/get_all_packages', call: (gw) => gw.http('GET', `/api/get_all_packages?api_key=${ADMIN_API_KEY}`) },
};

const deprecations = (entry: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.values(CALLS).map(({ key }) => [key, entry])));

describe('deprecated legacy routes', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway({ LEGACY_DEPRECATIONS: deprecations({ deprecated: '2026-01-01', sunset: '2099-01-01', link: '/docs#graphql-replacement', gone: true }) });
    token = (await gw.member('reader')).token;
  });
  afterAll(() => gw.close());

  test.each(Object.keys(CALLS))('%s: Deprecation, Sunset and Link headers, exact, and the answer unchanged', async (family) => {
    const res = await CALLS[family].call(gw, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('deprecation')).toBe('@1767225600');
    expect(res.headers.get('sunset')).toBe('Thu, 01 Jan 2099 00:00:00 GMT');
    const base = gw.url;
    expect(res.headers.get('link')).toBe(`<${base}/docs#graphql-replacement>; rel="deprecation"; type="text/html", <${base}/docs#graphql-replacement>; rel="sunset"; type="text/html"`);
  });

  test('other routes, and other methods of a configured path, carry none of them', async () => {
    const others = [
      await gw.http('POST', '/api/get_all_packages', { form: { api_key: ADMIN_API_KEY } }),
      await gw.http('GET', `/api/get_user_info?api_key=${ADMIN_API_KEY}`),
      await gw.http('GET', '/api/v1/users/me', { headers: { authorization: `Basic ${Buffer.from(`crm:${ADMIN_API_KEY}`).toString('base64')}` } }),
      await gw.gql('{ siteSettings }'),
    ];
    for (const res of others) {
      expect(res.status).toBe(200);
      for (const name of ['deprecation', 'sunset', 'link']) expect((res as { headers?: Headers }).headers?.get(name) ?? null).toBeNull();
    }
  });
});

describe('retired legacy routes after their sunset', () => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway({ LEGACY_DEPRECATIONS: deprecations({ deprecated: '2026-01-01', sunset: '2026-06-01' }), LEGACY_GONE_AFTER_SUNSET: '1' });
    token = (await gw.member('late')).token;
  });
  afterAll(() => gw.close());

  const message = (key: string) => `${key} was retired on 2026-06-01; use the GraphQL API instead: ${gw.url}/docs`;

  test('social answers 410 in its envelope, api_status "410"', async () => {
    const res = await CALLS.social.call(gw, token);
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ api_status: '410', errors: { error_id: 12, error_text: message('POST /api/get-site-settings') } });
    expect(res.headers.get('sunset')).toBe('Mon, 01 Jun 2026 00:00:00 GMT');
  });

  test('web answers a 410 HTML page', async () => {
    const res = await CALLS.web.call(gw, token);
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.body).toContain(`<p>${message('GET /get_news_feed')}</p>`);
  });

  test('community answers 410 {"id","status":"GONE","time","message"}', async () => {
    const res = await CALLS.community.call(gw, token);
    expect(res.status).toBe(410);
    expect(res.body).toEqual({ id: expect.any(String), status: 'GONE', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/), message: message('GET /api/v1/roles') });
  });

  test('chat and marketing answer 410 {"status":"error","message"}', async () => {
    const chat = await CALLS.chat.call(gw, token);
    expect(chat.status).toBe(410);
    expect(chat.body).toEqual({ status: 'error', message: message('GET /api/chats') });
    const marketing = await CALLS.marketing.call(gw, token);
    expect(marketing.status).toBe(410);
    expect(marketing.body).toEqual({ status: 'error', message: message('GET /api/get_all_packages') });
  });

  test('without gone the route still works past its sunset', async () => {
    const open = await startTestGateway({ LEGACY_DEPRECATIONS: JSON.stringify({ chat: { sunset: '2026-06-01' } }) });
    try {
      const { token: own } = await open.member('still');
      const res = await CALLS.chat.call(open, own);
      expect(res.status).toBe(200);
      expect(res.headers.get('deprecation')).toBeNull();
      expect(res.headers.get('sunset')).toBe('Mon, 01 Jun 2026 00:00:00 GMT');
      expect(res.headers.get('link')).toBe(`<${open.url}/docs>; rel="sunset"; type="text/html"`);
    } finally {
      await open.close();
    }
  });
});

describe('LEGACY_DEPRECATIONS errors stop the start', () => {
  test('a bad date, an unknown field, sunset before deprecation, bad JSON', () => {
    const load = (value: string) => () => loadConfig({ LEGACY_DEPRECATIONS: value });
    expect(load('{"GET /api/chats":{"sunset":"next year"}}')).toThrow(/^LEGACY_DEPRECATIONS: "GET \/api\/chats": sunset must be a date such as 2027-01-31/);
    expect(load('{"GET /api/chats":{"sunset":"2026-02-30"}}')).toThrow(/sunset must be/);
    expect(load('{"chat":{"retired":true}}')).toThrow(/unknown field retired/);
    expect(load('{"chat":{"deprecated":"2027-01-01","sunset":"2026-01-01"}}')).toThrow(/sunset is before deprecated/);
    expect(load('{"chat":')).toThrow(/^LEGACY_DEPRECATIONS: not JSON/);
    expect(load('/no/such/file.json')).toThrow(/cannot read the file/);
  });

  test('an unknown route or family', async () => {
    await expect(startTestGateway({ LEGACY_DEPRECATIONS: '{"GET /api/nothing":{"deprecated":true}}' })).rejects.toThrow(/LEGACY_DEPRECATIONS: no legacy route or family "GET \/api\/nothing"/);
    await expect(startTestGateway({ LEGACY_DEPRECATIONS: '{"forum":{"deprecated":true}}' })).rejects.toThrow(/"forum"/);
  });
});
