import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { type DatabaseHandle, openDatabase } from '../../src/db/connection';
import { UploadedFile } from '../../src/media/uploaded-file';
import { buildGateway, createServices, type Gateway } from '../../src/server';
import { SAMPLES } from './samples';

// The real gateway with UPLOAD_MAX_BYTES=2048 and one extra route, taking files under `media` and
// `file`, that describes what a route receives in request.body, as the legacy routes will.
let dir: string;
let database: DatabaseHandle;
let gateway: Gateway;
let url: string;

function describeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(describeValue);
  if (value instanceof UploadedFile) {
    return { filename: value.filename, mimetype: value.mimetype, size: value.size, truncated: value.truncated, head: readFileSync(value.path).subarray(0, 4).toString('hex') };
  }
  return value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'multipart-'));
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', UPLOAD_DIR: dir, UPLOAD_MAX_BYTES: '2048', LOG_LEVEL: 'silent' });
  database = openDatabase(config.databaseUrl);
  gateway = await buildGateway({ services: createServices({ config, database, serverKey: 'multipart-test-server-key' }), logger: false });
  gateway.app.post('/test/echo-body', { config: { uploads: { fields: ['media', 'file'], maxFiles: 10 } } }, async (request) => {
    const body = request.body as Record<string, unknown>;
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, describeValue(value)]));
  });
  url = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await gateway.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(form: FormData): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/test/echo-body`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

test('file parts arrive as UploadedFile under their field name; text fields stay strings', async () => {
  const form = new FormData();
  form.append('server_key', 'abc');
  form.append('text', 'hello');
  form.append('media', new Blob([SAMPLES.png], { type: 'image/png' }), 'cat.png');
  const { status, body } = await send(form);
  expect(status).toBe(200);
  expect(body).toEqual({
    server_key: 'abc',
    text: 'hello',
    media: { filename: 'cat.png', mimetype: 'image/png', size: SAMPLES.png.length, truncated: false, head: '89504e47' },
  });
});

test('several files under one field arrive as a list', async () => {
  const form = new FormData();
  form.append('file', new Blob([SAMPLES.gif], { type: 'image/gif' }), 'a.gif');
  form.append('file', new Blob([SAMPLES.jpg], { type: 'image/jpeg' }), 'b.jpg');
  const { body } = await send(form);
  expect(body.file.map((f: { filename: string }) => f.filename)).toEqual(['a.gif', 'b.jpg']);
});

test('an oversize file reaches the route, truncated, instead of a gateway 413', async () => {
  const form = new FormData();
  form.append('file', new Blob([Buffer.concat([SAMPLES.png, Buffer.alloc(5000)])], { type: 'image/png' }), 'big.png');
  form.append('after', 'still parsed');
  const { status, body } = await send(form);
  expect(status).toBe(200);
  expect(body).toEqual({ file: { filename: 'big.png', mimetype: 'image/png', size: 2048, truncated: true, head: '89504e47' }, after: 'still parsed' });
});

test('a file of exactly the limit is not truncated', async () => {
  const form = new FormData();
  form.append('file', new Blob([Buffer.concat([SAMPLES.png, Buffer.alloc(2048 - SAMPLES.png.length)])]), 'edge.png');
  const { body } = await send(form);
  expect(body.file).toMatchObject({ size: 2048, truncated: false });
});
