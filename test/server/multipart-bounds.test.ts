import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SAMPLES } from '../media/samples';
import { startChildGateway } from '../support/child';
import { ADMIN_API_KEY, ADMIN_PASSWORD, SERVER_KEY, startTestGateway, type TestGateway } from '../support/gateway';
import { social } from '../support/social';

const MB = 1024 * 1024;
const BOUNDARY = 'bounds0boundary';
/** One megabyte of text, sent again and again: the test allocates no body. */
const MEGABYTE = Buffer.alloc(MB, 'x');

function partHeader(name: string, filename?: string): Buffer {
  const file = filename ? `; filename="${filename}"\r\ncontent-type: image/png` : '';
  return Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"${file}\r\n\r\n`);
}

/** `textParts` fields of 1 MB, then `files` files of `fileMb` MB under `fileField`: the shape, generated as it is sent. */
async function* hugeBody(textParts: number, files: number, fileMb: number, fileField: string): AsyncGenerator<Buffer> {
  for (let i = 0; i < textParts; i++) {
    yield partHeader(`t${i}`);
    yield MEGABYTE;
    yield Buffer.from('\r\n');
  }
  for (let i = 0; i < files; i++) {
    yield partHeader(fileField, `f${i}.png`);
    yield SAMPLES.png;
    for (let mb = 0; mb < fileMb; mb++) yield MEGABYTE;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${BOUNDARY}--\r\n`);
}

interface Answer {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/**
 * POSTs a streamed multipart body and resolves with the answer as soon as it arrives, whether or not
 * the body was all sent (a refusal may close the connection under it).
 */
function postStream(url: string, pathAndQuery: string, body: AsyncIterable<Buffer>, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      { host: target.hostname, port: target.port, method: 'POST', path: pathAndQuery, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text), headers: response.headers }));
        response.on('error', reject);
      },
    );
    // Writing into a connection the server closed after answering fails; the answer may still be on its way.
    req.on('error', (error) => setTimeout(() => reject(error), 1000));
    const source = Readable.from(body);
    source.pipe(req);
    // Once the server answered, the rest of the body is not wanted: stop sending it.
    req.on('response', () => source.destroy());
    req.on('close', () => source.destroy());
  });
}

/** Resident memory of a process, from /proc (Linux). */
function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

describe('memory: unauthenticated uploads cost no more than their headers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-bounds-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('two concurrent unauthenticated 400 MB multipart requests grow the gateway by less than 50 MB', async () => {
    // A child process: its resident memory is the gateway's alone, not the test runner's.
    const gateway = startChildGateway({ DATABASE_URL: `sqlite:${path.join(dir, 'gateway.db')}`, UPLOAD_DIR: path.join(dir, 'uploads'), SEED_DEMO: '0', ADMIN_PASSWORD, ADMIN_API_KEY, SERVER_KEY });
    try {
      const url = await gateway.ready;
      const pid = gateway.child.pid!;
      const send = () => postStream(url, '/api/chats/1/media-messages', hugeBody(350, 5, 10, 'media'), { authorization: 'Bearer not-a-token' });
      await send(); // warm-up: the code paths of a refusal are loaded before the baseline
      const baseline = residentBytes(pid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 20);
      const started = Date.now();
      const answers = await Promise.all([send(), send()]);
      const elapsed = Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 500));
      clearInterval(sampler);
      peak = Math.max(peak, residentBytes(pid));
      const growthMb = (peak - baseline) / MB;
      console.log(`two unauthenticated 400 MB uploads: RSS ${Math.round(baseline / MB)} MB -> peak ${Math.round(peak / MB)} MB (+${growthMb.toFixed(1)} MB), answered in ${elapsed} ms`);
      expect(growthMb).toBeLessThan(50);
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({ status: 'error', message: 'Unauthenticated.' });
        expect(answer.headers.connection).toBe('close');
      }
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  }, 120_000);
});

describe('multipart limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ UPLOAD_MAX_BYTES: String(MB) });
  });
  afterAll(() => gw.close());

  const incoming = () => readdirSync(path.join(gw.uploadDir, '.incoming'));

  /** A body that sends one small part and then never ends. */
  async function* neverEnding(): AsyncGenerator<Buffer> {
    yield Buffer.concat([partHeader('server_key'), Buffer.from(`${SERVER_KEY}\r\n`), partHeader('file', 'a.png'), SAMPLES.png]);
    await new Promise(() => undefined);
  }

  test('a bad credential is refused before the body is read, in the family envelope', async () => {
    const chat = await postStream(gw.url, '/api/chats/1/media-messages', neverEnding(), { authorization: 'Bearer wrong' });
    expect(chat).toMatchObject({ status: 401, body: { status: 'error', message: 'Unauthenticated.' } });
    const story = await postStream(gw.url, '/api/create-story?access_token=wrong', neverEnding());
    expect(story.status).toBe(200);
    expect(story.body).toMatchObject({ api_status: '400', errors: { error_text: 'Not logged in: access_token is missing or invalid' } });
  });

  test('a file on a route that takes none is bad input, not a 500, and leaves no file behind', async () => {
    const form = new FormData();
    form.append('server_key', SERVER_KEY);
    form.append('file', new Blob([SAMPLES.png]), 'a.png');
    const settings = await gw.http('POST', '/api/get-site-settings', { multipart: form });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ api_status: '400', errors: { error_text: 'This endpoint takes no file uploads' } });
    const login = new FormData();
    login.append('media', new Blob([SAMPLES.png]), 'a.png');
    const chat = await gw.http('POST', '/api/login', { multipart: login });
    expect(chat.status).toBe(400);
    expect(chat.body).toEqual({ status: 'error', message: 'This endpoint takes no file uploads' });
    expect(incoming()).toEqual([]);
  });

  test('text fields are bounded in number and in bytes, as any other body', async () => {
    const many = new FormData();
    many.append('server_key', SERVER_KEY);
    for (let i = 0; i < 150; i++) many.append(`f${i}`, 'x');
    const fields = await gw.http('POST', '/api/get-site-settings', { multipart: many });
    expect(fields.body).toMatchObject({ api_status: '400', errors: { error_text: 'The request has too many fields' } });
    const large = await postStream(gw.url, '/api/login', hugeBody(3, 0, 0, 'media'));
    expect(large).toMatchObject({ status: 413, body: { status: 'error', message: 'Request body is too large' } });
  });

  test('a signed-in upload past its budget is refused and its temporary files are removed', async () => {
    const member = await social(gw, 'create-account', { username: 'uploader', password: 'secret123', confirm_password: 'secret123', email: 'uploader@example.com' });
    const token = member.body.access_token as string;
    // Twelve files of 1 MB: more than a route takes (ten), sent chunked with no length to check first.
    const answer = await postStream(gw.url, `/api/create-story?access_token=${token}`, (async function* () {
      yield Buffer.concat([partHeader('server_key'), Buffer.from(`${SERVER_KEY}\r\n`)]);
      yield* hugeBody(0, 12, 1, 'file');
    })());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ api_status: '400', errors: { error_text: expect.stringMatching(/At most 10 files|too large/) } });
    expect(incoming()).toEqual([]);
  });

  test('a valid upload still works and leaves only the stored file', async () => {
    const member = await social(gw, 'create-account', { username: 'storyteller', password: 'secret123', confirm_password: 'secret123', email: 'storyteller@example.com' });
    const form = new FormData();
    form.append('server_key', SERVER_KEY);
    form.append('file', new Blob([SAMPLES.png]), 'a.png');
    const answer = await gw.http('POST', `/api/create-story?access_token=${member.body.access_token}`, { multipart: form });
    expect(answer.body.api_status).toBe(200);
    expect(incoming()).toEqual([]);
  });
});
