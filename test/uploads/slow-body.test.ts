/**
 * A client that trickles its body: Fastify turns Node's whole-request deadline off by default, so
 * without BODY_TIMEOUT_MS a signed-in (or, on a refused request still drained, an anonymous)
 * client could hold a connection, and an upload's temporary file, for as long as it kept sending.
 */
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { SAMPLES } from '../media/samples';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { newMembers } from '../support/graphql';
import { BOUNDARY, partHeader } from '../support/multipart-stream';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ BODY_TIMEOUT_MS: '1000' });
});
afterAll(() => gw.close());

/** Sends POST /uploads headers and the start of a file part, then a byte every 200 ms; resolves with what came back once the server closed, or null after `giveUpMs`. */
function trickle(headers: Record<string, string>, contentLength: number, giveUpMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const target = new URL(gw.url);
    const socket = connect(Number(target.port), target.hostname);
    let received = '';
    const head = Object.entries({ host: target.host, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(contentLength), ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`POST /uploads HTTP/1.1\r\n${head}\r\n`);
    socket.write(Buffer.concat([partHeader('file', 'slow.png'), SAMPLES.png]));
    const drip = setInterval(() => socket.write('x'), 200);
    const finish = (value: string | null) => {
      clearInterval(drip);
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => finish(received));
    socket.on('error', () => undefined);
  });
}

test('a signed-in client trickling an upload is cut off with 408 after BODY_TIMEOUT_MS, its temporary file removed', async () => {
  const [slow] = await newMembers(gw, 1, 'sb');
  const started = Date.now();
  const answer = await trickle({ authorization: `Bearer ${slow.token}` }, 5 * 1024 * 1024, 8000);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeLessThan(6000);
  expect(await gw.count('pending_uploads')).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(readdirSync(join(gw.uploadDir, '.incoming'))).toEqual([]);
}, 15_000);

test('an anonymous client refused 401 cannot hold the connection by trickling the rest of a small body', async () => {
  const answer = await trickle({}, 512 * 1024, 8000);
  expect(answer).toMatch(/^HTTP\/1\.1 401/);
}, 15_000);
