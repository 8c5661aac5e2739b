import type { TestGateway } from '../support/gateway';
import { describeWithRedis, type GatewayPair, startGatewayPair } from './two-gateways';

const LOGIN = 'mutation L($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }';

async function attempt(gw: TestGateway, login: string, password: string) {
  const { status, body } = await gw.gql(LOGIN, { login, password });
  return { status, code: body.errors?.[0]?.extensions?.code as string | undefined };
}

describeWithRedis('login throttle over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('login-throttle', { LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '5' });
  });
  afterAll(() => pair.close());

  test('failures on A and B count together: past the limit both refuse the right password, until the window passes', async () => {
    const { a, b, redis, prefix } = pair;
    await a.member('sharedthrottle', 'right-password-1');
    expect([(await attempt(a, 'sharedthrottle', 'wrong-1')).code, (await attempt(b, 'SharedThrottle', 'wrong-2')).code]).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect((await attempt(a, 'sharedthrottle', 'wrong-3')).code).toBe('UNAUTHENTICATED');
    expect(await attempt(b, 'sharedthrottle', 'right-password-1')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await attempt(a, 'sharedthrottle', 'right-password-1')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    const keys = await redis.keys(`${prefix}login-failures:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('sharedthrottle'); // the login name is hashed
    await new Promise((resolve) => setTimeout(resolve, 5100));
    expect((await attempt(b, 'sharedthrottle', 'right-password-1')).code).toBeUndefined();
  });

  test('a success on one instance clears the failures counted on the other', async () => {
    const { a, b } = pair;
    await a.member('clearedthrottle', 'right-password-2');
    for (let i = 0; i < 2; i++) expect((await attempt(a, 'clearedthrottle', `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
    expect((await attempt(b, 'clearedthrottle', 'right-password-2')).code).toBeUndefined();
    for (let i = 0; i < 2; i++) expect((await attempt(a, 'clearedthrottle', `again-${i}`)).code).toBe('UNAUTHENTICATED');
    expect((await attempt(b, 'clearedthrottle', 'right-password-2')).code).toBeUndefined();
  });

  test('the username on one instance and the email on the other spend one account budget', async () => {
    const { a, b } = pair;
    const member = await a.member('sharedbyemail', 'right-password-3');
    expect((await attempt(a, 'sharedbyemail', 'wrong-1')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(b, member.email, 'wrong-2')).code).toBe('UNAUTHENTICATED');
    expect((await attempt(a, member.email.toUpperCase(), 'wrong-3')).code).toBe('UNAUTHENTICATED');
    expect(await attempt(b, 'sharedbyemail', 'right-password-3')).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });
});

describeWithRedis('failures per address over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('login-address', { LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '3', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => pair.close());

  const from = async (gw: TestGateway, address: string, login: string, password: string) => {
    const res = await gw.http('POST', '/graphql', { json: { query: LOGIN, variables: { login, password } }, headers: { 'x-forwarded-for': address } });
    return { status: res.status, code: res.body.errors?.[0]?.extensions?.code as string | undefined };
  };

  test('one address trying accounts on A and on B is refused on both once their failures add up', async () => {
    const { a, b, redis, prefix } = pair;
    await a.member('addressed', 'right-password-4');
    expect((await from(a, '203.0.113.9', 'nobody-1', 'guess')).code).toBe('UNAUTHENTICATED');
    expect((await from(b, '203.0.113.9', 'nobody-2', 'guess')).code).toBe('UNAUTHENTICATED');
    expect((await from(a, '203.0.113.9', 'nobody-3', 'guess')).code).toBe('UNAUTHENTICATED');
    expect(await from(b, '203.0.113.9', 'addressed', 'right-password-4')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await from(a, '203.0.113.9', 'addressed', 'right-password-4')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((await from(b, '198.51.100.4', 'addressed', 'right-password-4')).code).toBeUndefined();
    const keys = await redis.keys(`${prefix}login-failures-by-address:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('203.0.113.9');
  });
});
