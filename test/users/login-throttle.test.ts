import { SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

const LOGIN = 'mutation L($login: String!, $password: String!) { login(input: { login: $login, password: $password }) { token } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ LOGIN_MAX_FAILURES: '5', LOGIN_FAILURE_WINDOW_SECONDS: '5', QUERY_MAX_ALIASES: '200', QUERY_MAX_ROOT_FIELDS: '200' });
});
afterAll(() => gw.close());

async function attempt(login: string, password: string) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { login, password } }),
  });
  const body = await response.json();
  return { status: response.status, code: body.errors?.[0]?.extensions?.code as string | undefined, retryAfter: response.headers.get('retry-after') };
}

test('after LOGIN_MAX_FAILURES wrong passwords an account waits, even with the right one, and may try again after the window', async () => {
  await gw.member('throttled1', 'right-password-1');
  for (let i = 0; i < 5; i++) expect((await attempt('throttled1', `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
  const refused = await attempt('throttled1', 'right-password-1');
  expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(refused.retryAfter)).toBeLessThanOrEqual(5);
  await new Promise((resolve) => setTimeout(resolve, Number(refused.retryAfter) * 1000 + 100));
  expect((await attempt('throttled1', 'right-password-1')).code).toBeUndefined();
});

test('the username and the email of one account share one budget, in any case', async () => {
  const member = await gw.member('sharedbudget', 'right-password-5');
  for (const login of ['sharedbudget', member.email, 'SharedBudget', member.email.toUpperCase(), ' sharedbudget ']) {
    expect((await attempt(login, 'wrong')).code).toBe('UNAUTHENTICATED');
  }
  expect(await attempt(member.email, 'right-password-5')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  expect(await attempt('sharedbudget', 'right-password-5')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
});

test('an unknown account is throttled the same way, so the answers tell nothing about which accounts exist', async () => {
  const known = await gw.member('throttled2', 'right-password-2');
  const codes = async (login: string) => {
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push((await attempt(login, `wrong-${i}`)).code);
    return seen;
  };
  expect(await codes('nobody-here')).toEqual(await codes(known.email));
});

test('100 aliased logins in one document try one password: login is non-null, the first failure ends the document', async () => {
  await gw.member('throttled3', 'right-password-3');
  const fields = Array.from({ length: 100 }, (_, i) => `a${i}: login(input: { login: "throttled3", password: "wrong-${i}" }) { token }`).join('\n');
  const { body } = await gw.gql(`mutation { ${fields} }`);
  expect(body.data).toBeNull();
  expect((body.errors as any[]).map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  // That document was one attempt; four more single ones reach the limit of five.
  for (let i = 0; i < 4; i++) expect((await attempt('throttled3', `again-${i}`)).code).toBe('UNAUTHENTICATED');
  expect((await attempt('throttled3', 'right-password-3')).code).toBe('RATE_LIMITED');
});

test('the chat API login answers 429 in its own envelope with Retry-After', async () => {
  const member = await gw.member('throttled4', 'right-password-4');
  for (let i = 0; i < 5; i++) await gw.http('POST', '/api/login', { form: { email: member.email, password: `wrong-${i}` } });
  const res = await gw.http('POST', '/api/login', { form: { email: member.email, password: 'right-password-4' } });
  expect(res.status).toBe(429);
  expect(res.body).toEqual({ status: 'error', message: expect.stringMatching(/Too many failed sign-ins/) });
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

describe('failures per client address, over every account (LOGIN_MAX_FAILURES_PER_ADDRESS)', () => {
  let proxied: TestGateway;
  beforeAll(async () => {
    proxied = await startTestGateway({ LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '4', TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(() => proxied.close());

  const from = async (address: string, login: string, password: string) => {
    const res = await proxied.http('POST', '/graphql', { json: { query: LOGIN, variables: { login, password } }, headers: { 'x-forwarded-for': address } });
    return { status: res.status, code: res.body.errors?.[0]?.extensions?.code as string | undefined, retryAfter: res.headers.get('retry-after') };
  };

  test('one address that tries passwords on many accounts is refused on every account, a success does not reset it, other addresses go on', async () => {
    const victim = await proxied.member('spread0', 'right-password-0');
    await proxied.member('spread1', 'right-password-1');
    for (const login of ['spread1', 'spread2', 'nobody-spread']) expect((await from('203.0.113.7', login, 'guess')).code).toBe('UNAUTHENTICATED');
    expect((await from('203.0.113.7', 'spread1', 'right-password-1')).code).toBeUndefined(); // a success: the address keeps its count
    expect((await from('203.0.113.7', victim.email, 'guess')).code).toBe('UNAUTHENTICATED');
    const refused = await from('203.0.113.7', 'spread0', 'right-password-0');
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(3600); // the address count lasts a day
    const social = await proxied.http('POST', '/api/auth', { form: { server_key: SERVER_KEY, username: 'spread1', password: 'right-password-1' }, headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(social.body).toEqual({ api_status: '429', errors: { error_id: expect.any(Number), error_text: expect.stringMatching(/Too many failed sign-ins/) } });
    expect(Number(social.headers.get('retry-after'))).toBeGreaterThan(3600);
    // Another address, and the same accounts: their own budgets were not spent.
    expect((await from('198.51.100.9', 'spread0', 'right-password-0')).code).toBeUndefined();
  });

  test('an IPv6 client is counted by its /64', async () => {
    await proxied.member('spread6', 'right-password-6');
    for (let i = 0; i < 4; i++) expect((await from(`2001:db8:1:2::${i + 1}`, `nobody-v6-${i}`, 'guess')).code).toBe('UNAUTHENTICATED');
    expect((await from('2001:db8:1:2:ffff::9', 'spread6', 'right-password-6')).code).toBe('RATE_LIMITED');
    expect((await from('2001:db8:1:3::1', 'spread6', 'right-password-6')).code).toBeUndefined();
  });
});
