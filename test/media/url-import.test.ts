import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BadUserInputError } from '../../src/errors';
import { MediaStore, type MediaStoreOptions } from '../../src/media/media-store';
import { isPublicAddress, type DnsLookup } from '../../src/media/private-address';
import { filesUnder, SAMPLES } from './samples';

describe('isPublicAddress', () => {
  test.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2606:4700:4700::1111', '2001:4860:4860::8888'])('%s is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  test.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'documentation'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped RFC 1918'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped link-local, hex form'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['2002:7f00:1::1', '6to4 of 127.0.0.1'],
    ['localhost', 'a host name'],
    ['', 'empty'],
    ['1.2.3', 'not an address'],
  ])('%s is not (%s)', (address) => expect(isPublicAddress(address)).toBe(false));
});

/** Resolves names from a table, like dns.lookup with { all: true }; unknown names fail as ENOTFOUND. */
function fakeDns(table: Record<string, string[]>): DnsLookup {
  return (hostname, _options, callback) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'media-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function store(options: Partial<MediaStoreOptions> = {}): MediaStore {
  return new MediaStore({ dir, maxBytes: 10 * 1024 * 1024, allowedTypes: ['jpg', 'jpeg', 'png', 'gif', 'mp4', 'mov', 'webm'], urlImport: true, publicUrl: null, ...options });
}

async function expectRefusal(work: Promise<unknown>, message: string | RegExp): Promise<void> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  expect((error as BadUserInputError).message).toMatch(message);
  expect((error as BadUserInputError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'image_url' });
}

describe('importUrl refusals (no connection is ever made)', () => {
  test('imports are off unless IMAGE_URL_IMPORT allows them', async () => {
    await expectRefusal(store({ urlImport: false }).importUrl('https://images.example.com/cat.png', 'image_url'), 'image_url imports are disabled on this gateway');
  });

  test.each([
    'http://127.0.0.1/cat.png',
    'http://localhost/cat.png',
    'http://10.0.0.1/cat.png',
    'http://[::1]/cat.png',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://2130706433/cat.png',
    'http://[::ffff:127.0.0.1]/',
    'https://192.168.0.1/',
  ])('%s points to a private address', async (url) => {
    await expectRefusal(store().importUrl(url, 'image_url'), 'image_url points to a private address');
  });

  test('a host name that resolves to a private address, or to a public and a private one, is refused', async () => {
    const lookup = fakeDns({ 'rebind.example': ['127.0.0.2'], 'mixed.example': ['93.184.216.34', '127.0.0.1'], 'v6.example': ['fd00::1'] });
    for (const host of ['rebind.example', 'mixed.example', 'v6.example']) {
      await expectRefusal(store({ lookup }).importUrl(`http://${host}/cat.png`, 'image_url'), 'image_url points to a private address');
    }
  });

  test.each(['ftp://example.com/cat.png', 'file:///etc/passwd', 'data:image/png;base64,iVBORw0KGgo=', 'not a url'])('%s is not an http(s) URL', async (url) => {
    await expectRefusal(store().importUrl(url, 'image_url'), 'image_url must be an http or https URL');
  });
});

describe('importUrl from a server on this machine', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      hits.push(path);
      const hop = /^\/hop\/(\d+)$/.exec(path);
      if (hop) {
        const left = Number(hop[1]);
        return response.writeHead(302, { location: left === 0 ? '/image?id=1' : `/hop/${left - 1}` }).end();
      }
      switch (path) {
        case '/image?id=1':
          return response.writeHead(200, { 'content-type': 'text/plain' }).end(SAMPLES.png);
        case '/clip':
          return response.writeHead(200, { 'content-type': 'video/mp4' }).end(SAMPLES.mp4);
        case '/page':
          return response.writeHead(200, { 'content-type': 'image/png' }).end(SAMPLES.html);
        case '/to-literal':
          return response.writeHead(301, { location: `http://127.0.0.2:${port}/image?id=1` }).end();
        case '/to-rebind':
          return response.writeHead(307, { location: `http://rebind.example:${port}/image?id=1` }).end();
        case '/big-declared':
          return response.writeHead(200, { 'content-length': '4096' }).end(Buffer.concat([SAMPLES.png, Buffer.alloc(4096 - SAMPLES.png.length)]));
        case '/big-streamed':
          response.writeHead(200); // chunked: no content-length to trust
          response.write(SAMPLES.png);
          for (let i = 0; i < 8; i++) response.write(Buffer.alloc(512));
          return response.end();
        case '/stall-headers':
          return; // never answers
        case '/stall-body':
          response.writeHead(200, { 'content-length': '1000' });
          return response.write(SAMPLES.png); // never finishes
        default:
          return response.writeHead(404).end('no');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // The real policy refuses this server (it is on loopback); these tests widen it to exactly
  // 127.0.0.1 and resolve names through a table, so every other address (127.0.0.2 too) stays refused.
  const local = (options: Partial<MediaStoreOptions> = {}) =>
    store({ allowAddress: (address) => address === '127.0.0.1', lookup: fakeDns({ 'media.example': ['127.0.0.1'], 'rebind.example': ['127.0.0.2'] }), ...options });

  test('downloads, sniffs and stores the file; the type comes from the content, not the URL or header', async () => {
    const image = await local().importUrl(`http://media.example:${port}/image?id=1`, 'image_url');
    expect(image).toMatchObject({ mimeType: 'image/png', kind: 'image', size: SAMPLES.png.length, url: `/uploads/${image.path}` });
    expect(image.path).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.png$/);
    expect(readFileSync(join(dir, image.path))).toEqual(SAMPLES.png);
    const clip = await local().importUrl(`http://127.0.0.1:${port}/clip`, 'image_url');
    expect(clip).toMatchObject({ mimeType: 'video/mp4', kind: 'video' });
    expect(filesUnder(dir)).toEqual([image.path, clip.path].sort());
  });

  test('follows up to three redirects and refuses a fourth', async () => {
    const stored = await local().importUrl(`http://media.example:${port}/hop/2`, 'image_url');
    expect(stored.mimeType).toBe('image/png');
    await expectRefusal(local().importUrl(`http://media.example:${port}/hop/3`, 'image_url'), 'image_url redirects too many times (more than 3 redirects)');
    expect(filesUnder(dir)).toEqual([stored.path]);
  });

  test('re-checks the address of every redirect', async () => {
    hits.length = 0;
    await expectRefusal(local().importUrl(`http://media.example:${port}/to-literal`, 'image_url'), 'image_url points to a private address');
    await expectRefusal(local().importUrl(`http://media.example:${port}/to-rebind`, 'image_url'), 'image_url points to a private address');
    expect(hits).toEqual(['/to-literal', '/to-rebind']);
    expect(filesUnder(dir)).toEqual([]);
  });

  test('applies the size limit to a declared and to a streamed body', async () => {
    await expectRefusal(local({ maxBytes: 2048 }).importUrl(`http://media.example:${port}/big-declared`, 'image_url'), 'image_url is larger than the 2 KB limit');
    await expectRefusal(local({ maxBytes: 2048 }).importUrl(`http://media.example:${port}/big-streamed`, 'image_url'), 'image_url is larger than the 2 KB limit');
    expect(filesUnder(dir)).toEqual([]);
  });

  test('gives up when the server is too slow, before the headers or during the body', async () => {
    const slow = local({ importTimeoutMs: 300 });
    await expectRefusal(slow.importUrl(`http://media.example:${port}/stall-headers`, 'image_url'), 'image_url took longer than 0.3 s to download');
    await expectRefusal(slow.importUrl(`http://media.example:${port}/stall-body`, 'image_url'), 'image_url took longer than 0.3 s to download');
    expect(filesUnder(dir)).toEqual([]);
  });

  test('an error status, an unknown host or content that is not media is refused', async () => {
    await expectRefusal(local().importUrl(`http://media.example:${port}/missing.png`, 'image_url'), 'image_url could not be downloaded (HTTP 404)');
    await expectRefusal(local().importUrl(`http://nowhere.example:${port}/cat.png`, 'image_url'), 'image_url could not be downloaded');
    await expectRefusal(local().importUrl(`http://media.example:${port}/page`, 'image_url'), 'image_url is not a valid jpg/jpeg/png/gif/mp4/mov/webm file');
    expect(filesUnder(dir)).toEqual([]);
  });
});
