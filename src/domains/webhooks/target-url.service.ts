import { lookup } from 'node:dns/promises';
import type { Config } from '../../config';
import { BadUserInputError } from '../../errors';
import { isPublicAddress } from '../../media/private-address';

const MAX_URL_LENGTH = 2048;

/** Resolves a host name to all its addresses; replaceable in tests of the check itself. */
export type ResolveAll = (hostname: string) => Promise<string[]>;

const resolveAll: ResolveAll = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** WEBHOOK_ALLOW_PRIVATE_TARGETS: whether targets on private, loopback or link-local addresses are accepted. */
export function allowPrivateTargets(config: Config): boolean {
  return config.webhooks.allowPrivateTargets;
}

/**
 * Checks a webhook target: an absolute http(s) URL without credentials, whose host resolves, and
 * (unless private targets are allowed) only to public addresses. Returns the URL as given, trimmed.
 * The dispatcher checks again when it connects, since DNS answers change.
 */
export async function checkTargetUrl(raw: unknown, allowPrivate: boolean, field = 'targetUrl', resolve: ResolveAll = resolveAll): Promise<string> {
  if (typeof raw !== 'string' || raw.trim() === '') throw new BadUserInputError(`${field} is required`, field);
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) throw new BadUserInputError(`${field} must be at most ${MAX_URL_LENGTH} characters`, field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BadUserInputError(`${field} must be an absolute http or https URL`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadUserInputError(`${field} must use http or https`, field);
  if (url.username || url.password) throw new BadUserInputError(`${field} must not carry credentials`, field);
  if (allowPrivate) return text;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw new BadUserInputError(`${field}: the host ${host} does not resolve`, field);
  }
  if (addresses.length === 0 || addresses.some((address) => !isPublicAddress(address))) {
    throw new BadUserInputError(`${field}: ${host} resolves to a private, loopback or link-local address`, field);
  }
  return text;
}
