import type { TestGateway } from '../support/gateway';
import { describeWithRedis, type GatewayPair, startGatewayPair } from './two-gateways';

const status = async (gw: TestGateway, token?: string) => (await gw.gql('{ __typename }', {}, token)).status;

describeWithRedis('rate limits over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('rate-limits', { RATE_LIMIT_PER_IP: '6', RATE_LIMIT_PER_CREDENTIAL: '0' });
  });
  afterAll(() => pair.close());

  test('a per-address limit of N a minute holds over A and B together, with the count kept under REDIS_PREFIX', async () => {
    const { a, b, redis, prefix } = pair;
    const firstSix = [];
    for (let i = 0; i < 3; i++) firstSix.push(await status(a), await status(b));
    expect(firstSix).toEqual([200, 200, 200, 200, 200, 200]);
    expect([await status(a), await status(b)]).toEqual([429, 429]);
    expect(await redis.keys(`${prefix}rate-limit:*ip:*`)).toHaveLength(1);
  });
});

describeWithRedis('per-credential limit over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('credential-limits', { RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_CREDENTIAL: '3' });
  });
  afterAll(() => pair.close());

  test('a token past its limit on A and B together gets 429 on both; another token goes on', async () => {
    const { a, b } = pair;
    const [first, second] = [await a.member('credlimited1'), await a.member('credlimited2')];
    expect([await status(a, first.token), await status(b, first.token), await status(b, first.token)]).toEqual([200, 200, 200]);
    expect([await status(a, first.token), await status(b, first.token)]).toEqual([429, 429]);
    expect(await status(b, second.token)).toBe(200);
  });
});
