import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { families } from '../rest/families';
import { PREFLIGHT_HEADERS } from './csrf-prevention';

/**
 * What a browser app may send cross-origin: JSON, a Bearer token, the CSRF-prevention headers
 * (src/http/csrf-prevention.ts), Apollo's client-awareness headers and a request id of its own;
 * `accept` is safelisted up to 128 characters, and allowed past them.
 */
const ALLOWED_HEADERS = ['accept', 'content-type', 'authorization', ...PREFLIGHT_HEADERS, 'apollographql-client-name', 'apollographql-client-version', 'x-request-id'];
/** What it may read besides the safelisted headers: the request id to quote, and how long to wait after a 429. */
const EXPOSED_HEADERS = ['x-request-id', 'retry-after'];
/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

const GRAPHQL_METHODS = ['GET', 'POST'];
const LEGACY_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const UPLOAD_METHODS = ['POST'];

/**
 * The paths of the legacy families that sign a browser in with a cookie (the social news feed and
 * the link that sets its cookie): they get no CORS grants at all.
 */
const COOKIE_PATHS: readonly RegExp[] = families
  .filter((family) => Object.values(family.security.schemes).some((scheme) => scheme.in === 'cookie'))
  .flatMap((family) => family.routes.map((route) => new RegExp(`^${escapeRegExp(`${family.prefix}${route.path}`).replace(/:\w+/g, '[^/]+')}$`)));

/**
 * CORS for the origins CORS_ORIGINS lists, on /graphql, `POST /uploads` and the legacy `/api/…` routes, never with
 * credentials: neither reads a cookie, so a grant lets another origin read only what its own
 * requests prove with a token. An origin off the list gets its preflight answered without a grant
 * (no Access-Control-Allow-Origin), so the browser refuses the request. Register it before the rate
 * limits: their 429 then carries the grant (an app can read Retry-After), and a preflight goes on
 * through them (an OPTIONS flood counts against the client address) to the plugin's OPTIONS route.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  const shared: FastifyCorsOptions = {
    origin: allowedOrigins(origins),
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials: false,
    preflightContinue: true,
    // An OPTIONS without Origin is answered like a preflight rather than with a plain-text 400.
    strictPreflight: false,
  };
  const byScope: Record<CorsScope, FastifyCorsOptions> = {
    graphql: { ...shared, methods: GRAPHQL_METHODS },
    uploads: { ...shared, methods: UPLOAD_METHODS },
    legacy: { ...shared, methods: LEGACY_METHODS },
    none: { origin: false },
  };
  await app.register(cors, { hook: 'onRequest', delegator: (request, callback) => callback(null, byScope[corsScope(request.url)]) });
}

type CorsScope = 'graphql' | 'uploads' | 'legacy' | 'none';

/**
 * Which CORS rules a URL falls under, read from its decoded path as the router reads it: the router
 * ends the path at `?` and at a raw `#` too (a browser never sends one, but a page's URL rule must
 * not depend on that).
 */
function corsScope(url: string): CorsScope {
  let path: string;
  try {
    path = decodeURIComponent(url.split(/[?#]/)[0]).replace(/(.)\/$/, '$1');
  } catch {
    return 'none';
  }
  if (path === '/graphql') return 'graphql';
  if (path === '/uploads') return 'uploads';
  if (!path.startsWith('/api/') || COOKIE_PATHS.some((cookiePath) => cookiePath.test(path))) return 'none';
  return 'legacy';
}

/**
 * The plugin's `origin` for CORS_ORIGINS (validated by src/config.ts): `*` as is; otherwise exact
 * origins, and a RegExp for each `scheme://*.domain[:port]` matching one DNS label in place of `*`.
 * An empty list still answers preflights, granting nobody.
 */
function allowedOrigins(origins: readonly string[]): NonNullable<FastifyCorsOptions['origin']> {
  if (origins.includes('*')) return '*';
  return origins.map((origin) => (origin.includes('://*.') ? new RegExp(`^${escapeRegExp(origin).replace('://\\*\\.', '://[a-z0-9-]{1,63}\\.')}$`) : origin));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
