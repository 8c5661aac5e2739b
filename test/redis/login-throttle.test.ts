import type { TestGateway } from '../support/gateway';
import { describeWithRedis, type GatewayPair, startGatewayPair } from './two-gateways';

const LOGIN = 'mutation L($login: String!, $password: String!) { login(login: $login, password: $password) { token } }';

async function attempt(gw: TestGateway, login: string, password: string) {
  const { status, body } = await gw.gql(LOGIN, { login, password });
  return { status, code: body.errors?.[0]?.extensions?.code as string | undefined };
}

describeWithRedis('login throttle over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('login-throttle', { LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '2' });
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
    await new Promise((resolve) => setTimeout(resolve, 2100));
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
});
