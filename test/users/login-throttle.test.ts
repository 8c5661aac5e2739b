import { startTestGateway, type TestGateway } from '../support/gateway';

const LOGIN = 'mutation L($login: String!, $password: String!) { login(login: $login, password: $password) { token } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ LOGIN_MAX_FAILURES: '5', LOGIN_FAILURE_WINDOW_SECONDS: '2', QUERY_MAX_ALIASES: '200', QUERY_MAX_ROOT_FIELDS: '200' });
});
afterAll(() => gw.close());

async function attempt(login: string, password: string) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: { login, password } }),
  });
  const body = (await response.json()) as any;
  return { status: response.status, code: body.errors?.[0]?.extensions?.code as string | undefined, retryAfter: response.headers.get('retry-after') };
}

test('after LOGIN_MAX_FAILURES wrong passwords an account waits, even with the right one, and may try again after the window', async () => {
  const member = await gw.member('throttled1', 'right-password-1');
  for (let i = 0; i < 5; i++) expect((await attempt('throttled1', `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
  const refused = await attempt('throttled1', 'right-password-1');
  expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  expect((await attempt(member.email, 'right-password-1')).code).toBeUndefined(); // the email is another login name: counted apart
  await new Promise((resolve) => setTimeout(resolve, 2100));
  expect((await attempt('throttled1', 'right-password-1')).code).toBeUndefined();
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
  const fields = Array.from({ length: 100 }, (_, i) => `a${i}: login(login: "throttled3", password: "wrong-${i}") { token }`).join('\n');
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
