import ipaddr from 'ipaddr.js';
import { MEDIA_EXTENSIONS } from './media/media-types';
import { type LegacyDeprecationsConfig, parseLegacyDeprecations } from './legacy-deprecations';
import type { TracingConfig } from './tracing';

/** Gateway settings, read once from the environment. A bad value stops start-up with a message naming it. */
export interface Config {
  port: number;
  host: string;
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client address (rate limits, sign-in
   * addresses): false (none, the default), true (any), a hop count, or addresses and CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** `sqlite:<path>`, `sqlite::memory:` or `postgres://…` (src/db/connection.ts). */
  databaseUrl: string;
  /** PostgreSQL connections this instance keeps at most (unused on SQLite). */
  databasePoolSize: number;
  /** Redis for events, presence and rate-limit counters shared by several instances; null: in process. */
  redisUrl: string | null;
  /** Prepended to every Redis key and channel, so several gateways (or test runs) can share one Redis. */
  redisPrefix: string;
  /** The social API's site key; null means "generate one and keep it in the database". */
  serverKey: string | null;
  admin: {
    username: string;
    email: string;
    password: string | null;
    apiKey: string | null;
  };
  /** null: seed demo data only when the database is new. */
  seedDemo: boolean | null;
  logLevel: string;
  /** BCRYPT_COST: 10 to 15, or down to 4 under NODE_ENV=test. */
  bcryptCost: number;
  /** Public base URL printed in the banner and used in OpenAPI `servers`. */
  publicUrl: string | null;
  /** Uploaded and imported media; see src/media/media-store.ts. */
  uploads: {
    /** Where files are kept, relative to the working directory unless absolute. */
    dir: string;
    maxBytes: number;
    /** File extensions accepted; each is also checked against the file's content. */
    allowedTypes: string[];
    /** Whether `image_url` imports may download remote files (public addresses only). */
    urlImport: boolean;
    /** How long a `POST /uploads` file waits for a mutation to use it before it is removed. */
    claimTtlSeconds: number;
  };
  /** How long "typing…" lasts unless the client renews it. */
  typingTimeoutSeconds: number;
  /** Webhook delivery; see src/domains/webhooks/dispatcher.worker.ts. */
  webhooks: {
    /** Multiplies every retry delay, lease and the 5-day disable window (tests use a small one). */
    delayScale: number;
    /** Whether targets may resolve to private, loopback or link-local addresses. */
    allowPrivateTargets: boolean;
    /** Whether this instance runs the dispatcher (turn it off on all but some instances). */
    dispatch: boolean;
    /** Deliveries in flight at once. */
    concurrency: number;
  };
  /** Whether request loaders batch (always, but for the benchmark's loaders-off comparison). */
  loaderBatching: boolean;
  /** NODE_ENV=production: introspection and GraphiQL off unless enabled, errors masked. */
  production: boolean;
  /** Schema introspection over GraphQL; off in production unless INTROSPECTION=1. */
  introspection: boolean;
  /** The GraphiQL playground at /graphiql (and for browsers at /graphql); off in production unless GRAPHIQL=1. */
  graphiql: boolean;
  /** Limits every GraphQL operation (HTTP and WebSocket) must keep, checked before any resolver runs. */
  queryLimits: QueryLimits;
  /**
   * Failed sign-ins an account may have in the window before sign-in waits, and failures one client
   * address may have in a day over all accounts (src/auth/login-throttle.ts); 0 turns the address cap off.
   */
  loginThrottle: { maxFailures: number; windowSeconds: number; maxFailuresPerAddress: number };
  /** A session ends this long after its last use (sliding; src/auth/authenticate.ts). */
  sessionTtlSeconds: number;
  /** When set, `GET /metrics` answers only `Authorization: Bearer <token>`; null: open, as before. */
  metricsToken: string | null;
  /** Requests a minute per client address and per credential (src/http/rate-limits.ts); 0 turns one off. */
  rateLimits: { perIpPerMinute: number; perCredentialPerMinute: number };
  /** Subscriptions one WebSocket may run at once (WS_MAX_SUBSCRIPTIONS); the next is refused. */
  wsMaxSubscriptions: number;
  /** How long a GraphQL HTTP request may run before its work is stopped (src/graphql/abort.ts). */
  requestTimeoutMs: number;
  /**
   * How long a client may take to send a whole request, headers and body (BODY_TIMEOUT_MS); past
   * it the connection closes with 408, so a trickled upload cannot hold a connection and a
   * temporary file for ever.
   */
  bodyTimeoutMs: number;
  /**
   * Browser origins granted CORS on /graphql and the legacy /api routes (src/http/cors.ts): exact
   * `scheme://host[:port]`, `scheme://*.domain` for any one label before the domain, or `*` alone
   * for every origin. Empty: no grants.
   */
  corsOrigins: string[];
  /** Persisted documents (src/graphql/trusted-documents.ts) and automatic persisted queries. */
  persistedDocuments: PersistedDocumentsConfig;
  /** Legacy routes announced as deprecated or sunset (LEGACY_DEPRECATIONS, LEGACY_GONE_AFTER_SUNSET). */
  legacyDeprecations: LegacyDeprecationsConfig;
  /** SMTP_URL and MAIL_FROM: mail goes out through SMTP (src/mail/smtp-mailer.ts); null: mails are only logged. */
  mail: MailConfig | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_SERVICE_NAME: OpenTelemetry spans go there (src/tracing.ts); null: tracing off. */
  tracing: TracingConfig | null;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  smtpUrl: string;
  /** The From of every mail: `address@domain` or `Name <address@domain>`. */
  from: string;
}

export interface PersistedDocumentsConfig {
  /** TRUSTED_DOCUMENTS: a manifest file, or a folder whose `*.json` manifests are all loaded; null: none. */
  trustedDocuments: string | null;
  /** TRUSTED_DOCUMENTS_ONLY: only manifest documents run, over HTTP and WebSocket; APQ is off. */
  only: boolean;
  /** How long an APQ registration lasts after its last use. */
  apqTtlSeconds: number;
  /** The query text the APQ cache keeps at most (in memory, or in Redis for all instances). */
  apqCacheBytes: number;
}

export interface QueryLimits {
  /** Deepest field nesting. */
  depth: number;
  /** Estimated cost: every field 1, a list field's subtree times its size argument. */
  cost: number;
  /** Aliased fields in one operation. */
  aliases: number;
  /** Fields at the root of one operation. */
  rootFields: number;
  /** Lexical tokens in one document: the parser stops there, so a huge document costs little. */
  tokens: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** The lowest bcrypt cost under NODE_ENV=test (bcrypt's own minimum), so tests do not spend their time hashing. */
export const BCRYPT_TEST_MIN_COST = 4;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function flag(env: Env, name: string): boolean | null {
  const raw = text(env, name);
  if (raw === null) return null;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `expected 1 or 0, got "${raw}"`);
}

function list(env: Env, name: string, fallback: readonly string[], known: readonly string[]): string[] {
  const raw = text(env, name);
  if (raw === null) return [...fallback];
  const items = [
    ...new Set(
      raw
        .split(',')
        .map((item) => item.trim().toLowerCase().replace(/^\./, ''))
        .filter((item) => item !== ''),
    ),
  ];
  if (items.length === 0) throw new ConfigError(name, 'name at least one value');
  const unknown = items.filter((item) => !known.includes(item));
  if (unknown.length > 0) throw new ConfigError(name, `unknown ${unknown.join(', ')}; expected some of ${known.join(', ')}`);
  return items;
}

function positive(env: Env, name: string, fallback: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(raw)) throw new ConfigError(name, `expected a positive number, got "${raw}"`);
  const value = Number(raw);
  if (!(value > 0) || value > max) throw new ConfigError(name, `must be greater than 0 and at most ${max}, got ${raw}`);
  return value;
}

const DAY_SECONDS = 86_400;
const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: DAY_SECONDS };

/** Seconds, or a whole number with a unit: `90s`, `45m`, `12h`, `30d`. */
function duration(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const match = /^(\d+)([smhd]?)$/i.exec(raw);
  if (!match) throw new ConfigError(name, `expected seconds or a number with s, m, h or d (30d), got "${raw}"`);
  const value = Number(match[1]) * DURATION_UNITS[(match[2] || 's').toLowerCase()];
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max} seconds, got ${value}`);
  return value;
}

/** A URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** TRUST_PROXY: unset or `0`/`false` none, `true` any, `2` that many hops, else a comma list of addresses or CIDR ranges. */
function trustProxy(env: Env): boolean | number | string[] {
  const raw = text(env, 'TRUST_PROXY');
  if (raw === null || ['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase())) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || bad.length > 0) throw new ConfigError('TRUST_PROXY', `expected true, a hop count, or addresses/CIDR ranges; not ${bad.join(', ') || 'empty'}`);
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  try {
    if (entry.includes('/')) ipaddr.parseCIDR(entry);
    else ipaddr.parse(entry);
    return true;
  } catch {
    return false;
  }
}

/** An origin as browsers send it (lower case, no default port), with an optional leading `*.` label. */
const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;
const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** CORS_ORIGINS: unset for none, `*` alone for any, else a comma list of origins and `*.` patterns. */
function corsOrigins(env: Env): string[] {
  const raw = text(env, 'CORS_ORIGINS');
  if (raw === null) return [];
  const entries = [
    ...new Set(
      raw
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    ),
  ];
  if (entries.length === 0) throw new ConfigError('CORS_ORIGINS', 'name at least one origin, or leave it unset');
  if (entries.includes('*') && entries.length > 1) throw new ConfigError('CORS_ORIGINS', '"*" allows every origin: list nothing else with it');
  return entries.includes('*') ? ['*'] : [...new Set(entries.map(corsOrigin))];
}

function corsOrigin(entry: string): string {
  const match = ORIGIN.exec(entry.toLowerCase());
  if (!match) throw new ConfigError('CORS_ORIGINS', `"${entry}" is not an origin: write scheme://host[:port] with no path, such as http://localhost:5173 or https://*.example.com`);
  const [, scheme, wildcard = '', host, port] = match;
  if (wildcard && (host.startsWith('[') || (!host.includes('.') && host !== 'localhost'))) {
    throw new ConfigError('CORS_ORIGINS', `"${entry}": "*." goes before a domain name with a dot in it (https://*.example.com)`);
  }
  const portNumber = port === undefined ? null : Number(port);
  if (portNumber !== null && (portNumber < 1 || portNumber > 65535)) throw new ConfigError('CORS_ORIGINS', `"${entry}": the port must be 1 to 65535`);
  const shownPort = portNumber === null || portNumber === DEFAULT_PORTS[scheme] ? '' : `:${portNumber}`;
  return `${scheme}://${wildcard}${host}${shownPort}`;
}

/** TRUSTED_DOCUMENTS, TRUSTED_DOCUMENTS_ONLY, APQ_TTL, APQ_CACHE_MB; only-mode needs a manifest and no GraphiQL. */
function persistedDocuments(env: Env, graphiql: boolean | null): PersistedDocumentsConfig {
  const trustedDocuments = text(env, 'TRUSTED_DOCUMENTS');
  const only = flag(env, 'TRUSTED_DOCUMENTS_ONLY') ?? false;
  if (only && trustedDocuments === null) {
    throw new ConfigError('TRUSTED_DOCUMENTS_ONLY', 'set TRUSTED_DOCUMENTS to the manifest (persisted-documents.json) or the folder of manifests whose documents may run');
  }
  if (only && graphiql === true) {
    throw new ConfigError('GRAPHIQL', 'GraphiQL sends documents of its own, which TRUSTED_DOCUMENTS_ONLY=1 refuses: leave GRAPHIQL unset or 0');
  }
  return {
    trustedDocuments,
    only,
    apqTtlSeconds: duration(env, 'APQ_TTL', DAY_SECONDS, 60, 365 * DAY_SECONDS),
    apqCacheBytes: integer(env, 'APQ_CACHE_MB', 16, 1, 4096) * 1024 * 1024,
  };
}

/** SMTP_URL and MAIL_FROM: both or neither (MAIL_FROM alone is unused and refused, so a typo shows). */
function mail(env: Env): MailConfig | null {
  const smtpUrl = text(env, 'SMTP_URL');
  const from = text(env, 'MAIL_FROM');
  if (smtpUrl === null) {
    if (from !== null) throw new ConfigError('MAIL_FROM', 'mails are only sent with SMTP_URL set: set it too, or leave MAIL_FROM unset');
    return null;
  }
  let url: URL | null = null;
  try {
    url = new URL(smtpUrl);
  } catch {
    // reported below
  }
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
    throw new ConfigError('SMTP_URL', `expected smtp://user:password@host:587 or smtps://…, got "${redactUrl(smtpUrl)}"`);
  }
  if (from === null) throw new ConfigError('MAIL_FROM', 'the sender of every mail, such as "Gateway <no-reply@example.com>": needed with SMTP_URL');
  if (!/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/.test(from)) {
    throw new ConfigError('MAIL_FROM', `expected address@domain or Name <address@domain>, got "${from}"`);
  }
  return { smtpUrl, from };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT (an http(s) base URL) turns tracing on; OTEL_SERVICE_NAME names the service. */
function tracing(env: Env): TracingConfig | null {
  const endpoint = text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const serviceName = text(env, 'OTEL_SERVICE_NAME') ?? 'gateway';
  if (endpoint === null) return null;
  if (!/^https?:\/\/[^\s]+$/.test(endpoint))
    throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', `expected the collector's http(s) base URL, such as http://localhost:4318, got "${redactUrl(endpoint)}"`);
  return { endpoint, serviceName };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses and validates the environment; throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Config {
  const databaseUrl = text(env, 'DATABASE_URL') ?? 'sqlite:data/gateway.db';
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', `expected sqlite:<path>, sqlite::memory: or postgres://…, got "${redactUrl(databaseUrl)}"`);
  }
  const redisUrl = text(env, 'REDIS_URL');
  if (redisUrl !== null && !/^rediss?:\/\/.+/.test(redisUrl)) throw new ConfigError('REDIS_URL', `expected redis://… or rediss://…, got "${redactUrl(redisUrl)}"`);
  const serverKey = text(env, 'SERVER_KEY');
  if (serverKey !== null && serverKey.length < 16) throw new ConfigError('SERVER_KEY', 'must be at least 16 characters');
  const adminPassword = text(env, 'ADMIN_PASSWORD');
  if (adminPassword !== null && adminPassword.length < 8) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters');
  const adminApiKey = text(env, 'ADMIN_API_KEY');
  if (adminApiKey !== null && adminApiKey.length < 32) {
    throw new ConfigError('ADMIN_API_KEY', 'must be at least 32 characters (128 bits of randomness)');
  }
  const adminUsername = text(env, 'ADMIN_USERNAME') ?? 'admin';
  if (!/^[A-Za-z0-9_.]{3,32}$/.test(adminUsername)) {
    throw new ConfigError('ADMIN_USERNAME', 'use 3-32 letters, digits, "_" or "."');
  }
  const adminEmail = text(env, 'ADMIN_EMAIL') ?? 'admin@example.com';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) throw new ConfigError('ADMIN_EMAIL', `not an email address: "${adminEmail}"`);
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  const production = text(env, 'NODE_ENV') === 'production';
  const metricsToken = text(env, 'METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  const deprecationsText = text(env, 'LEGACY_DEPRECATIONS');
  const legacyDeprecations: LegacyDeprecationsConfig = {
    entries: deprecationsText === null ? [] : parseLegacyDeprecations(deprecationsText, (problem) => new ConfigError('LEGACY_DEPRECATIONS', problem)),
    goneAfterSunset: flag(env, 'LEGACY_GONE_AFTER_SUNSET') ?? false,
  };
  const persisted = persistedDocuments(env, flag(env, 'GRAPHIQL'));
  const publicUrl = text(env, 'PUBLIC_URL');
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl)) throw new ConfigError('PUBLIC_URL', 'expected an http(s) URL');
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    trustProxy: trustProxy(env),
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    redisUrl,
    redisPrefix: text(env, 'REDIS_PREFIX') ?? 'gateway:',
    serverKey,
    admin: { username: adminUsername, email: adminEmail, password: adminPassword, apiKey: adminApiKey },
    seedDemo: flag(env, 'SEED_DEMO'),
    logLevel,
    bcryptCost: integer(env, 'BCRYPT_COST', 10, text(env, 'NODE_ENV') === 'test' ? BCRYPT_TEST_MIN_COST : 10, 15),
    publicUrl: publicUrl?.replace(/\/$/, '') ?? null,
    uploads: {
      dir: text(env, 'UPLOAD_DIR') ?? 'data/uploads',
      maxBytes: integer(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      allowedTypes: list(env, 'UPLOAD_TYPES', MEDIA_EXTENSIONS, MEDIA_EXTENSIONS),
      urlImport: flag(env, 'IMAGE_URL_IMPORT') ?? false,
      claimTtlSeconds: integer(env, 'UPLOAD_CLAIM_TTL', 3600, 1, 7 * 24 * 3600),
    },
    typingTimeoutSeconds: integer(env, 'TYPING_TIMEOUT_SECONDS', 10, 1, 300),
    webhooks: {
      delayScale: positive(env, 'WEBHOOK_DELAY_SCALE', 1, 1000),
      allowPrivateTargets: flag(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS') ?? false,
      dispatch: flag(env, 'WEBHOOK_DISPATCH') ?? true,
      concurrency: integer(env, 'WEBHOOK_CONCURRENCY', 4, 1, 256),
    },
    loaderBatching: flag(env, 'LOADER_BATCHING') ?? true,
    production,
    // GraphiQL needs introspection: GRAPHIQL=1 turns it on too, unless INTROSPECTION=0 says otherwise.
    introspection: flag(env, 'INTROSPECTION') ?? flag(env, 'GRAPHIQL') ?? !production,
    // GraphiQL's own documents are refused in only-mode: it is off there (and GRAPHIQL=1 a config error).
    graphiql: flag(env, 'GRAPHIQL') ?? (!production && !persisted.only),
    queryLimits: {
      depth: integer(env, 'QUERY_MAX_DEPTH', 10, 2, 100),
      cost: integer(env, 'QUERY_MAX_COST', 25_000, 100, 10_000_000),
      aliases: integer(env, 'QUERY_MAX_ALIASES', 30, 0, 1000),
      rootFields: integer(env, 'QUERY_MAX_ROOT_FIELDS', 20, 1, 1000),
      tokens: integer(env, 'QUERY_MAX_TOKENS', 5000, 200, 1_000_000),
    },
    loginThrottle: {
      maxFailures: integer(env, 'LOGIN_MAX_FAILURES', 10, 1, 10_000),
      windowSeconds: integer(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
      maxFailuresPerAddress: integer(env, 'LOGIN_MAX_FAILURES_PER_ADDRESS', 100, 0, 1_000_000),
    },
    sessionTtlSeconds: duration(env, 'SESSION_TTL', 30 * DAY_SECONDS, 1, 3650 * DAY_SECONDS),
    metricsToken,
    legacyDeprecations,
    rateLimits: {
      perIpPerMinute: integer(env, 'RATE_LIMIT_PER_IP', 6000, 0, 10_000_000),
      perCredentialPerMinute: integer(env, 'RATE_LIMIT_PER_CREDENTIAL', 3000, 0, 10_000_000),
    },
    wsMaxSubscriptions: integer(env, 'WS_MAX_SUBSCRIPTIONS', 100, 1, 10_000),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 50, 600_000),
    bodyTimeoutMs: integer(env, 'BODY_TIMEOUT_MS', 300_000, 1000, 3_600_000),
    corsOrigins: corsOrigins(env),
    persistedDocuments: persisted,
    mail: mail(env),
    tracing: tracing(env),
  };
}
