import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

describe('per-credential limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_CREDENTIAL: '5' });
  });
  afterAll(() => gw.close());

  test("a token past its limit gets 429 with Retry-After in GraphQL's envelope; another token and anonymous calls go on", async () => {
    const [first, second] = [await gw.member('limited1'), await gw.member('limited2')];
    // Five requests with the token reach its limit of five a minute.
    for (let i = 0; i < 5; i++) expect((await gw.gql('{ viewer { id: databaseId } }', {}, first.token)).status).toBe(200);
    const over = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.token}` },
      body: JSON.stringify({ query: '{ viewer { id: databaseId } }' }),
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await over.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect((await gw.gql('{ viewer { id: databaseId } }', {}, second.token)).status).toBe(200);
    expect((await gw.gql('{ __typename }')).status).toBe(200);
  });
});

describe('per-address limit', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_PER_IP: '3', RATE_LIMIT_PER_CREDENTIAL: '0' });
  });
  afterAll(() => gw.close());

  test('past it every family answers 429 in its own envelope, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await gw.http('GET', '/healthz')).status).toBe(200);
    const answers = {
      social: await gw.http('POST', '/api/get-site-settings', { form: { server_key: SERVER_KEY } }),
      community: await gw.http('GET', '/api/v1/roles', { headers: { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` } }),
      chat: await gw.http('GET', '/api/chats', { headers: { authorization: 'Bearer x' } }),
      marketing: await gw.http('GET', '/api/get_flow_campaigns?api_key=x'),
      graphql: await gw.http('POST', '/graphql', { json: { query: '{ __typename }' } }),
      health: await gw.http('GET', '/healthz'),
    };
    for (const res of Object.values(answers)) {
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(answers.social.body).toEqual({ api_status: '429', errors: { error_id: 7, error_text: expect.stringMatching(/Too many requests/) } });
    expect(answers.community.body).toEqual({ id: expect.any(String), status: 'TOO_MANY_REQUESTS', time: expect.any(String), message: expect.stringMatching(/Too many requests/) });
    expect(answers.chat.body).toEqual({ status: 'error', message: expect.stringMatching(/Too many requests/) });
    expect(answers.marketing.body).toEqual({ status: 'error', message: expect.stringMatching(/Too many requests/) });
    expect(answers.graphql.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('behind a trusted load balancer (TRUST_PROXY)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMIT_PER_IP: '2', RATE_LIMIT_PER_CREDENTIAL: '0', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => gw.close());

  test("each client address behind it has its own quota, not the proxy's one", async () => {
    const from = (client: string) => gw.http('GET', '/healthz', { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 2; i++) expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    expect((await from('198.51.100.9')).status).toBe(200);
  });
});
