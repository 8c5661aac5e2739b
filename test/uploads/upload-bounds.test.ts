import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { newMembers } from '../support/graphql';
import { partHeader, postStream } from '../support/multipart-stream';
import { postUpload } from './support';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMIT_PER_CREDENTIAL: '3' });
});
afterAll(() => gw.close());

/** A body that sends the start of a file part and then never ends. */
async function* neverEnding(): AsyncGenerator<Buffer> {
  yield Buffer.concat([partHeader('file', 'a.png'), SAMPLES.png]);
  await new Promise(() => undefined);
}

test('a missing or bad token is refused 401 before the body is read, with no temporary file', async () => {
  for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
    const answer = await postStream(gw.url, '/uploads', neverEnding(), headers);
    expect(answer).toMatchObject({ status: 401, body: { statusCode: 401, error: 'Unauthorized' } });
  }
  expect(readdirSync(join(gw.uploadDir, '.incoming'))).toEqual([]);
  expect(await gw.count('pending_uploads')).toBe(0);
});

test('POST /uploads counts against the per-credential rate limit: over it, 429 with Retry-After in the plain error shape', async () => {
  const [alice] = await newMembers(gw, 1, 'rl');
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 4; i++) {
    last = await postUpload(gw, alice.token, `p${i}.png`, SAMPLES.png);
    statuses.push(last.status);
  }
  expect(statuses).toEqual([201, 201, 201, 429]);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- set in the loop above; TypeScript's flow analysis does not carry that out of it
  const answer = last!;
  expect(answer.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/Too many requests/) });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await gw.count('pending_uploads')).toBe(3);
});
