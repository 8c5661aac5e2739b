import type { FastifyRequest } from 'fastify';

/**
 * The legacy answers' keys whose value is a link (avatars, covers, media, images, story files,
 * page and group `url`): a root-relative value there is made absolute on the way out.
 */
const LINK_KEYS = new Set(['avatar', 'cover', 'url', 'media', 'file', 'thumbnail', 'image', 'user_avatar', 'banner', 'og_image']);

/** `host` or `host:port`, a name or an address: anything else in a Host header is not used in a link. */
const HOST = /^([a-z0-9-]+(\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The base a legacy answer's links start with: PUBLIC_URL when set; else the host the caller
 * reached (X-Forwarded-Host and -Proto only from a proxy TRUST_PROXY names, as Fastify reads
 * them), so a client behind any address gets links it can fetch; else the listening address.
 * Nothing stored depends on it: a link is stored as PUBLIC_URL made it, root-relative without one.
 */
export function publicBaseUrl(request: FastifyRequest, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  if (HOST.test(request.host)) return `${protocol}://${request.host.toLowerCase()}`;
  const address = request.server.server.address();
  if (address === null || typeof address === 'string') return `${protocol}://localhost`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${protocol}://${host}:${address.port}`;
}

/** A copy of a legacy body whose root-relative links (`/uploads/…`, a page's `/name`) start with `base`. */
export function withAbsoluteLinks(value: unknown, base: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withAbsoluteLinks(item, base));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = LINK_KEYS.has(key) && typeof field === 'string' && isRootRelative(field) ? `${base}${field}` : withAbsoluteLinks(field, base);
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isRootRelative(link: string): boolean {
  return link.startsWith('/') && !link.startsWith('//');
}
