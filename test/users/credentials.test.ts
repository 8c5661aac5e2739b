import bcrypt from 'bcryptjs';
import { ADMIN_API_KEY, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';

const ROUNDS = 12;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ LOGIN_MAX_FAILURES: '1000' });
});
afterAll(() => gw.close());

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds of `attempt`, alternating with `other` so both see the same machine. */
async function alternate(attempt: () => Promise<unknown>, other: () => Promise<unknown>, rounds: number): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  await attempt();
  await other();
  for (let i = 0; i < rounds; i++) {
    let started = performance.now();
    await attempt();
    a.push(performance.now() - started);
    started = performance.now();
    await other();
    b.push(performance.now() - started);
  }
  return [median(a), median(b)];
}

describe('wrong credentials get one answer whatever was wrong', () => {
  test('GraphQL, the social and the chat API: an unknown account and a wrong password answer alike', async () => {
    const member = await gw.member('credcheck1', 'right-password-1');
    const graphql = (login: string) => gw.gql('mutation { login(input: { login: "' + login + '", password: "not-it-123" }) { token } }');
    const [unknown, wrong] = [await graphql('nobody-at-all'), await graphql('credcheck1')];
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    const socialAuth = (username: string) => gw.http('POST', '/api/auth', { form: { server_key: SERVER_KEY, username, password: 'not-it-123' } });
    expect((await socialAuth('nobody-at-all')).body).toEqual((await socialAuth('credcheck1')).body);
    const chatLogin = (email: string) => gw.http('POST', '/api/login', { form: { email, password: 'not-it-123' } });
    const [chatUnknown, chatWrong] = [await chatLogin('nobody@example.com'), await chatLogin(member.email)];
    expect([chatUnknown.status, chatUnknown.body]).toEqual([chatWrong.status, chatWrong.body]);
  });

  test('the community API: a near-miss key, a random key and a malformed header answer alike (but for the reply id and time)', async () => {
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` });
    const nearMiss = ADMIN_API_KEY.slice(0, -1) + (ADMIN_API_KEY.endsWith('a') ? 'b' : 'a');
    const answers = await Promise.all([basic(nearMiss), basic('x'.repeat(ADMIN_API_KEY.length)), { authorization: 'Basic !!!' }].map((headers) => gw.http('GET', '/api/v1/roles', { headers })));
    const shape = (res: (typeof answers)[number]) => [res.status, { ...res.body, id: '-', time: '-' }];
    expect(answers.map(shape)).toEqual([shape(answers[0]), shape(answers[0]), shape(answers[0])]);
    expect(answers[0].status).toBe(403);
  });
});

describe('timing', () => {
  test("an unknown account is refused after a comparison of as many bcrypt rounds as a known one's, (the configured cost, 4 here)", async () => {
    await gw.member('credcheck3', 'right-password-3');
    const compare = jest.spyOn(bcrypt, 'compare');
    try {
      const roundsCompared = async (login: string) => {
        compare.mockClear();
        await gw.gql('mutation { login(input: { login: "' + login + '", password: "not-it-123" }) { token } }');
        expect(compare).toHaveBeenCalledTimes(1);
        return bcrypt.getRounds(compare.mock.calls[0][1]);
      };
      expect(await roundsCompared('credcheck3')).toBe(4);
      expect(await roundsCompared('nobody-rounds')).toBe(4);
    } finally {
      compare.mockRestore();
    }
  });

  test('an unknown account takes as long to refuse as a wrong password (a bcrypt comparison either way)', async () => {
    // At the production cost: at the tests' cost 4 a comparison takes about 1 ms, and the rest of a
    // sign-in (the throttle's writes) would be what is timed.
    const timed = await startTestGateway({ LOGIN_MAX_FAILURES: '1000', BCRYPT_COST: '10' });
    try {
      await timed.member('credcheck2', 'right-password-2');
      let n = 0;
      const login = (name: string) => () => timed.gql('mutation { login(input: { login: "' + name + '", password: "not-it-123" }) { token } }');
      const [unknown, wrong] = await alternate(() => login(`nobody-${n++}`)(), login('credcheck2'), ROUNDS);
      console.log(`sign-in refused: unknown account ${unknown.toFixed(1)} ms, wrong password ${wrong.toFixed(1)} ms (medians of ${ROUNDS})`);
      expect(unknown / wrong).toBeGreaterThan(0.6);
      expect(unknown / wrong).toBeLessThan(1.6);
    } finally {
      await timed.close();
    }
  });

  test('a near-miss API key takes as long to refuse as a random one: keys are found by the hash of the whole key', async () => {
    const basic = (password: string) => () => gw.http('GET', '/api/v1/roles', { headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` } });
    const nearMiss = ADMIN_API_KEY.slice(0, -1) + (ADMIN_API_KEY.endsWith('a') ? 'b' : 'a');
    const random = 'r'.repeat(ADMIN_API_KEY.length);
    const [near, far] = await alternate(basic(nearMiss), basic(random), 200);
    console.log(`API key refused: near miss ${near.toFixed(2)} ms, random ${far.toFixed(2)} ms (medians of 200)`);
    expect(near / far).toBeGreaterThan(0.6);
    expect(near / far).toBeLessThan(1.6);
  });
});
