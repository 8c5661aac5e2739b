import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { MediaStore } from '../../src/media/media-store';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { SAMPLES, uploadedFile } from './samples';

let gw: TestGateway;
let media: MediaStore;

beforeAll(async () => {
  gw = await startTestGateway();
  media = gw.app.gateway.services.media;
});
afterAll(() => gw.close());

/** GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(gateway: TestGateway, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    get({ host: '127.0.0.1', port: new URL(gateway.url).port, path }, (response) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, body }));
    }).on('error', fail);
  });
}

const upload = (filename: string, data: Buffer) => media.store(uploadedFile(filename, data), 'file');

test('each test gateway keeps its uploads in its own temporary directory', () => {
  expect(gw.uploadDir.startsWith(tmpdir())).toBe(true);
  expect(media.dir).toBe(resolve(gw.uploadDir));
});

test('a stored file is served at its URL with its type, nosniff and a year of immutable caching', async () => {
  const stored = await upload('cat.png', SAMPLES.png);
  const response = await fetch(`${gw.url}${stored.url}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(Buffer.from(await response.arrayBuffer())).toEqual(SAMPLES.png);
});

test.each([
  ['photo.jpeg', SAMPLES.jpg],
  ['anim.gif', SAMPLES.gif],
  ['clip.mp4', SAMPLES.mp4],
  ['clip.mov', SAMPLES.mov],
  ['clip.webm', SAMPLES.webm],
  ['misnamed.jpg', SAMPLES.png],
])('%s is served with the content type stored for it', async (filename, data) => {
  const stored = await upload(filename, data);
  const response = await fetch(`${gw.url}${stored.url}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(stored.mimeType);
});

test('videos can be fetched by byte range', async () => {
  const stored = await upload('clip.mp4', SAMPLES.mp4);
  const response = await fetch(`${gw.url}${stored.url}`, { headers: { range: 'bytes=0-7' } });
  expect(response.status).toBe(206);
  expect(Buffer.from(await response.arrayBuffer())).toEqual(SAMPLES.mp4.subarray(0, 8));
});

test('a missing file, a directory, a temporary file or a file not shaped like an upload is 404', async () => {
  const stored = await upload('cat.png', SAMPLES.png);
  const folder = stored.path.slice(0, 7);
  writeFileSync(join(gw.uploadDir, folder, '.0123456789abcdef0123456789abcdef.png.tmp'), SAMPLES.png);
  writeFileSync(join(gw.uploadDir, folder, 'notes.html'), '<script>alert(1)</script>');
  const paths = [
    `/uploads/${folder}/0123456789abcdef0123456789abcdef.png`,
    '/uploads/',
    `/uploads/${folder.slice(0, 4)}`,
    `/uploads/${folder}/`,
    `/uploads/${folder}/.0123456789abcdef0123456789abcdef.png.tmp`,
    `/uploads/${folder}/notes.html`,
  ];
  for (const path of paths) {
    const response = await gw.http('GET', path);
    expect([path, response.status]).toEqual([path, 404]);
  }
});

describe('traversal', () => {
  let root: string;
  let outside: TestGateway;

  beforeAll(async () => {
    // UPLOAD_DIR is <root>/uploads; a file that looks like an upload sits beside it, outside.
    root = mkdtempSync(join(tmpdir(), 'uploads-traversal-'));
    mkdirSync(join(root, 'uploads'));
    mkdirSync(join(root, '2026/01'), { recursive: true });
    writeFileSync(join(root, '2026/01/0123456789abcdef0123456789abcdef.png'), 'SECRET');
    writeFileSync(join(root, 'secret.png'), 'SECRET');
    outside = await startTestGateway({ UPLOAD_DIR: join(root, 'uploads') });
  });
  afterAll(async () => {
    await outside.close();
    rmSync(root, { recursive: true, force: true });
  });

  test.each([
    '/uploads/../package.json',
    '/uploads/..%2fpackage.json',
    '/uploads/%2e%2e/package.json',
    '/uploads/%2e%2e%2fpackage.json',
    '/uploads/..%5cpackage.json',
    '/uploads/../secret.png',
    '/uploads/%2e%2e/secret.png',
    '/uploads/%2E%2E%2Fsecret.png',
    '/uploads/../2026/01/0123456789abcdef0123456789abcdef.png',
    '/uploads/%2e%2e/2026/01/0123456789abcdef0123456789abcdef.png',
    '/uploads/2026/01/..%2f..%2f..%2f2026/01/0123456789abcdef0123456789abcdef.png',
    '/uploads//etc/passwd',
    '/uploads/%2fetc%2fpasswd',
  ])('%s is not served', async (path) => {
    const response = await rawGet(outside, path);
    expect(response.status).not.toBe(200);
    expect(response.body).not.toContain('SECRET');
    expect(response.body).not.toContain('unified-gateway');
  });

  test('the same request shape is served for a real upload (the refusals above are not an accident)', async () => {
    const stored = await outside.app.gateway.services.media.store(uploadedFile('a.png', SAMPLES.png, { mimetype: 'image/png' }), 'file');
    expect(readFileSync(join(root, 'uploads', stored.path))).toEqual(SAMPLES.png);
    const response = await rawGet(outside, `/uploads/${stored.path}`);
    expect(response.status).toBe(200);
    expect(response.body).toBe(SAMPLES.png.toString('latin1'));
  });
});
