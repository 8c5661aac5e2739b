import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { addAbortSignal } from 'node:stream';
import { BlockedAddressError, guardedLookup, type DnsLookup } from './private-address';

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  resolve: DnsLookup;
  allowAddress: (address: string) => boolean;
}

/** Why a download failed; MediaStore turns each into a message for the client. */
export type DownloadFailure = 'private-address' | 'too-large' | 'timeout' | 'too-many-redirects' | 'bad-url' | 'http-status' | 'network';

export class DownloadError extends Error {
  constructor(
    readonly reason: DownloadFailure,
    detail: string,
  ) {
    super(detail);
    this.name = 'DownloadError';
  }
}

/**
 * Fetches an http(s) URL into memory. Every hop (at most `maxRedirects` redirects) connects only
 * to addresses `allowAddress` accepts, the body stops at `maxBytes`, and the whole download,
 * redirects included, is abandoned after `timeoutMs`.
 */
export async function download(url: string, options: DownloadOptions): Promise<Buffer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const lookup = guardedLookup(options.resolve, options.allowAddress);
  let target = parseHttpUrl(url);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
      if (isIP(literal) !== 0 && !options.allowAddress(literal)) throw new BlockedAddressError(literal);
      const response = await get(target, lookup, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= options.maxRedirects) throw new DownloadError('too-many-redirects', `more than ${options.maxRedirects} redirects`);
        target = parseHttpUrl(new URL(response.headers.location, target).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new DownloadError('http-status', `HTTP ${status}`);
      }
      return await readBody(response, options.maxBytes, signal);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    if (error instanceof BlockedAddressError) throw new DownloadError('private-address', error.message);
    if (signal.aborted) throw new DownloadError('timeout', `no answer within ${options.timeoutMs} ms`);
    throw new DownloadError('network', error instanceof Error ? error.message : String(error));
  }
}

function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('bad-url', 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new DownloadError('bad-url', 'not an http(s) URL');
  return parsed;
}

function get(url: URL, lookup: ReturnType<typeof guardedLookup>, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // agent: false gives each hop its own connection, so no pooled socket skips the lookup.
    const request = client.get(url, { lookup, signal, agent: false, headers: { accept: 'image/*, video/*' } }, resolve);
    request.on('error', reject);
  });
}

async function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = () => new DownloadError('too-large', `more than ${maxBytes} bytes`);
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  addAbortSignal(signal, response);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
