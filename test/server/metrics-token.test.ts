import { startTestGateway, type TestGateway } from '../support/gateway';

const TOKEN = 'scrape-token-0123456789abcdef';

describe('METRICS_TOKEN set', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => gw.close());

  test('/metrics answers 401 without the bearer token or with another one, and the counters with it', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    ]) {
      const res = await gw.http('GET', '/metrics', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(JSON.stringify(res.body)).not.toContain('gateway_');
    }
    const res = await gw.http('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('gateway_subscription_executions_total');
  });
});

describe('METRICS_TOKEN unset', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  test('/metrics stays open, as before', async () => {
    const res = await gw.http('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('gateway_subscription_executions_total');
  });
});
