import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, guardedLookup, isPublicAddress } from '../../media/private-address';

/** A 2xx within this long is a success; anything slower is a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** How much of a response body an attempt keeps. */
const EXCERPT_BYTES = 1024;

/** What one POST came to: the status (null when none arrived), how long it took, why it failed. */
export interface SendResult {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
  retryAfter: string | null;
}

export interface SendOptions {
  allowPrivateTargets: boolean;
  /** Aborts the attempt (the dispatcher stopping); the timeout applies regardless. */
  signal?: AbortSignal;
}

const publicLookup = guardedLookup(dns.lookup, isPublicAddress);

function refused(host: string): string {
  return `refused: ${host} is not a public address (WEBHOOK_ALLOW_PRIVATE_TARGETS=1 allows private targets)`;
}

/**
 * POSTs a webhook body once. Redirects are not followed (a 3xx is a failure like any non-2xx);
 * unless private targets are allowed, the socket connects only to public addresses, checked on
 * the addresses it actually connects to. Never throws: every failure is in the result.
 */
export async function sendWebhook(targetUrl: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = Date.now();
  const done = (partial: Partial<SendResult>): SendResult => ({ statusCode: null, error: null, excerpt: null, retryAfter: null, ...partial, durationMs: Date.now() - started });
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    return done({ error: `bad target URL "${targetUrl}"` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return done({ error: `unsupported protocol ${url.protocol}` });
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!options.allowPrivateTargets && isIP(literal) !== 0 && !isPublicAddress(literal)) return done({ error: refused(literal) });
  const signals = [AbortSignal.timeout(DELIVERY_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  try {
    const response = await post(url, body, headers, signal, options.allowPrivateTargets);
    const excerpt = await readExcerpt(response);
    const status = response.statusCode ?? 0;
    const retryAfter = typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : null;
    const error = status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`;
    return done({ statusCode: status, excerpt, retryAfter, error });
  } catch (error) {
    if (error instanceof BlockedAddressError) return done({ error: refused(error.hostname) });
    if (signals[0].aborted) return done({ error: `no response within ${DELIVERY_TIMEOUT_MS} ms` });
    if (signal.aborted) return done({ error: 'aborted: the dispatcher stopped' });
    return done({ error: error instanceof Error ? error.message || String(error) : String(error) });
  }
}

function post(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal, allowPrivate: boolean): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'unified-gateway-webhooks/1' },
      signal,
      agent: false,
      ...(allowPrivate ? {} : { lookup: publicLookup }),
    });
    request.on('response', resolve);
    request.on('error', reject);
    request.end(body);
  });
}

/** The first KB of the body as text; the rest is discarded. */
function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      if (size < EXCERPT_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}
