import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
beforeAll(async () => {
  // Each sign-up hashes at cost 12 (a few hundred ms): three of them outlast a 200 ms timeout.
  gw = await startTestGateway({ REQUEST_TIMEOUT_MS: '200', BCRYPT_COST: '12' });
});
afterAll(() => gw.close());

test('a request past REQUEST_TIMEOUT_MS is stopped: the next mutation of its document does not run, and it answers 503', async () => {
  const register = (i: number) => `r${i}: register(input: { username: "slow${i}", email: "slow${i}@example.com", password: "password-${i}" }) { token }`;
  const usersBefore = await gw.count('users');
  const started = performance.now();
  const first = await gw.gql('mutation { r0: register(input: { username: "timing0", email: "timing0@example.com", password: "password-0" }) { token } }');
  const oneSignUpMs = performance.now() - started;
  expect(first.body.data.r0.token).toEqual(expect.any(String)); // one sign-up alone may run past the timeout: it is not cut mid-way
  const t0 = performance.now();
  const { status, body } = await gw.gql(`mutation { ${[1, 2, 3].map(register).join(' ')} }`);
  const elapsedMs = performance.now() - t0;
  expect(status).toBe(503);
  expect(body.errors.map((error: any) => error.extensions.code)).toEqual(['REQUEST_TIMEOUT']);
  const made = (await gw.count('users')) - usersBefore - 1;
  console.log(`timeout: one sign-up ${oneSignUpMs.toFixed(0)} ms; three in one document stopped after ${elapsedMs.toFixed(0)} ms with ${made} of 3 made`);
  expect(made).toBeLessThan(3);
  expect(elapsedMs).toBeLessThan(oneSignUpMs * 2.5);
});

test('a request within the timeout is untouched', async () => {
  const { status, body } = await gw.gql('{ __typename posts { nodes { id: databaseId } } }');
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
});
