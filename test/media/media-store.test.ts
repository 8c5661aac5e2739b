import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadUserInputError } from '../../src/errors';
import { MediaStore, type MediaStoreOptions } from '../../src/media/media-store';
import { filesUnder, SAMPLES, uploadedFile } from './samples';

const ALL_TYPES = ['jpg', 'jpeg', 'png', 'gif', 'mp4', 'mov', 'webm'];
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'media-store-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function store(options: Partial<MediaStoreOptions> = {}): MediaStore {
  return new MediaStore({ dir, maxBytes: 10 * 1024 * 1024, allowedTypes: ALL_TYPES, urlImport: false, publicUrl: null, ...options });
}

const file = (filename: string, data: Buffer, truncated = false) => uploadedFile(filename, data, { truncated });

/** Expects a BAD_USER_INPUT error naming `field`, with exactly this message. */
async function expectRefusal(work: Promise<unknown>, message: string, field = 'file'): Promise<void> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).message).toBe(message);
  expect((error as BadUserInputError).extensions).toEqual({ code: 'BAD_USER_INPUT', field });
}

describe('store', () => {
  test.each([
    ['jpg', SAMPLES.jpg, 'image/jpeg', 'image'],
    ['jpeg', SAMPLES.jpg, 'image/jpeg', 'image'],
    ['png', SAMPLES.png, 'image/png', 'image'],
    ['gif', SAMPLES.gif, 'image/gif', 'image'],
    ['gif', SAMPLES.gif87, 'image/gif', 'image'],
    ['mp4', SAMPLES.mp4, 'video/mp4', 'video'],
    ['mov', SAMPLES.mov, 'video/quicktime', 'video'],
    ['webm', SAMPLES.webm, 'video/webm', 'video'],
  ])('keeps a .%s file under a random name with the type its content proves', async (extension, data, mimeType, kind) => {
    const stored = await store().store(file(`holiday.${extension}`, data), 'file');
    expect(stored).toEqual({ path: expect.stringMatching(new RegExp(`^\\d{4}/\\d{2}/[0-9a-f]{32}\\.${extension}$`)), url: `/uploads/${stored.path}`, mimeType, size: data.length, kind });
    expect(filesUnder(dir)).toEqual([stored.path]);
    expect(readFileSync(join(dir, stored.path))).toEqual(data);
  });

  test('names are random, the extension is lower-cased and the URL starts with PUBLIC_URL', async () => {
    const media = store({ publicUrl: 'https://gw.example.com' });
    const first = await media.store(file('A.PNG', SAMPLES.png), 'media');
    const second = await media.store(file('A.PNG', SAMPLES.png), 'media');
    expect(first.path).toMatch(/\.png$/);
    expect(first.path).not.toBe(second.path);
    expect(first.url).toBe(`https://gw.example.com/uploads/${first.path}`);
    expect(filesUnder(dir)).toEqual([first.path, second.path].sort());
  });

  test('a file whose content is another allowed type keeps that type and its extension', async () => {
    const stored = await store().store(file('photo.jpg', SAMPLES.png), 'file');
    expect(stored.mimeType).toBe('image/png');
    expect(stored.path).toMatch(/\.png$/);
  });

  test('the client path in a file name is ignored', async () => {
    const stored = await store().store(file('../../../etc/cron.d/x.gif', SAMPLES.gif), 'file');
    expect(filesUnder(dir)).toEqual([stored.path]);
  });

  test('a type outside UPLOAD_TYPES or without an extension is refused, naming the allowed ones', async () => {
    await expectRefusal(store().store(file('setup.exe', SAMPLES.exe), 'file'), 'file type .exe is not allowed (allowed: jpg, jpeg, png, gif, mp4, mov, webm)');
    await expectRefusal(store({ allowedTypes: ['png'] }).store(file('clip.mp4', SAMPLES.mp4), 'media'), 'media type .mp4 is not allowed (allowed: png)', 'media');
    await expectRefusal(store().store(file('README', SAMPLES.png), 'file'), 'file has no file extension (allowed: jpg, jpeg, png, gif, mp4, mov, webm)');
    expect(filesUnder(dir)).toEqual([]);
  });

  test.each([
    ['an executable called .png', 'evil.png', SAMPLES.exe],
    ['HTML called .gif', 'page.gif', SAMPLES.html],
    ['a HEIF image called .mp4', 'photo.mp4', SAMPLES.heic],
    ['Matroska called .webm', 'film.webm', SAMPLES.mkv],
    ['a few bytes of a PNG signature', 'short.png', SAMPLES.png.subarray(0, 5)],
  ])('spoofed content is refused: %s', async (_case, filename, data) => {
    await expectRefusal(store().store(file(filename, data), 'file'), 'file is not a valid jpg/jpeg/png/gif/mp4/mov/webm file');
    expect(filesUnder(dir)).toEqual([]);
  });

  test('content of a type the gateway does not allow is refused even under an allowed name', async () => {
    await expectRefusal(store({ allowedTypes: ['png', 'jpg'] }).store(file('anim.png', SAMPLES.gif), 'file'), 'file is not a valid png/jpg file');
    expect(filesUnder(dir)).toEqual([]);
  });

  test('a truncated part, a file over the limit and an empty file are refused', async () => {
    await expectRefusal(store().store(file('big.png', SAMPLES.png, true), 'file'), 'file is larger than the 10 MB limit');
    const big = Buffer.concat([SAMPLES.png, Buffer.alloc(2048)]);
    await expectRefusal(store({ maxBytes: 2048 }).store(file('big.png', big), 'media'), 'media is larger than the 2 KB limit', 'media');
    await expectRefusal(store({ maxBytes: 1536 }).store(file('big.png', big), 'file'), 'file is larger than the 1.5 KB limit');
    await expectRefusal(store().store(file('empty.png', Buffer.alloc(0)), 'file'), 'file is empty');
    expect(filesUnder(dir)).toEqual([]);
  });

  test('a write that fails half-way leaves no temporary file behind', async () => {
    jest.spyOn(fsPromises, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(store().store(file('a.png', SAMPLES.png), 'file')).rejects.toThrow('disk full');
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe('discard', () => {
  test('removes the stored file; a missing one is no error', async () => {
    const media = store();
    const kept = await media.store(file('keep.gif', SAMPLES.gif), 'file');
    const dropped = await media.store(file('drop.gif', SAMPLES.gif), 'file');
    await media.discard(dropped);
    expect(filesUnder(dir)).toEqual([kept.path]);
    await expect(media.discard(dropped)).resolves.toBeUndefined();
  });

  test('refuses a path that is not a stored file', async () => {
    const media = store();
    await expect(media.discard({ path: '../package.json', url: '', mimeType: 'image/png', size: 1, kind: 'image' })).rejects.toThrow('not a stored media path');
  });
});
