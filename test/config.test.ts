import { ConfigError, loadConfig, redactUrl } from '../src/config';

test('defaults: port 4000, SQLite file, bcrypt cost 10, demo data decided by the database', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', databaseUrl: 'sqlite:data/gateway.db', bcryptCost: 10, seedDemo: null, serverKey: null, typingTimeoutSeconds: 10 });
});

test.each([
  ['PORT', 'eighty'],
  ['PORT', '70000'],
  ['DATABASE_URL', 'mysql://db'],
  ['DATABASE_POOL_SIZE', '0'],
  ['DATABASE_POOL_SIZE', 'lots'],
  ['REDIS_URL', 'http://cache:6379'],
  ['TRUST_PROXY', '10.0.0.0/99'],
  ['TRUST_PROXY', 'proxy.internal'],
  ['SEED_DEMO', 'maybe'],
  ['ADMIN_API_KEY', 'short'],
  ['ADMIN_PASSWORD', 'short'],
  ['ADMIN_EMAIL', 'not-an-email'],
  ['ADMIN_USERNAME', 'has space'],
  ['SERVER_KEY', 'tiny'],
  ['BCRYPT_COST', '4'],
  ['LOG_LEVEL', 'loud'],
  ['UPLOAD_MAX_BYTES', 'ten'],
  ['UPLOAD_MAX_BYTES', '1023'],
  ['UPLOAD_MAX_BYTES', '1073741825'],
  ['UPLOAD_TYPES', 'png,exe'],
  ['UPLOAD_TYPES', 'svg'],
  ['UPLOAD_TYPES', ' , '],
  ['IMAGE_URL_IMPORT', 'sometimes'],
  ['TYPING_TIMEOUT_SECONDS', '0'],
  ['TYPING_TIMEOUT_SECONDS', '301'],
  ['WEBHOOK_DELAY_SCALE', '0'],
  ['WEBHOOK_DELAY_SCALE', '-1'],
  ['WEBHOOK_DELAY_SCALE', 'fast'],
  ['WEBHOOK_DELAY_SCALE', '1001'],
  ['WEBHOOK_ALLOW_PRIVATE_TARGETS', 'perhaps'],
  ['WEBHOOK_DISPATCH', '2'],
  ['WEBHOOK_CONCURRENCY', '0'],
  ['WEBHOOK_CONCURRENCY', 'many'],
  ['SESSION_TTL', '0'],
  ['SESSION_TTL', '30 days'],
  ['SESSION_TTL', '3651d'],
  ['METRICS_TOKEN', 'short'],
  ['LOGIN_MAX_FAILURES_PER_ADDRESS', 'many'],
  ['CORS_ORIGINS', 'localhost:5173'],
  ['CORS_ORIGINS', 'http://localhost:5173/'],
  ['CORS_ORIGINS', 'https://app.example.com/graphql'],
  ['CORS_ORIGINS', 'https://user@app.example.com'],
  ['CORS_ORIGINS', 'http://localhost:70000'],
  ['CORS_ORIGINS', 'https://*example.com'],
  ['CORS_ORIGINS', 'https://app.*.example.com'],
  ['CORS_ORIGINS', 'https://*.com'],
  ['CORS_ORIGINS', '*, http://localhost:5173'],
  ['CORS_ORIGINS', ' , '],
  ['TRUSTED_DOCUMENTS_ONLY', 'maybe'],
  ['APQ_TTL', '59'],
  ['APQ_TTL', 'a day'],
  ['APQ_CACHE_MB', '0'],
  ['APQ_CACHE_MB', '4097'],
  ['SMTP_URL', 'http://mail.example.com'],
  ['SMTP_URL', 'mail.example.com:587'],
  ['MAIL_FROM', 'no-reply@example.com'],
  ['OTEL_EXPORTER_OTLP_ENDPOINT', 'localhost:4318'],
])('a bad %s stops start-up with a message naming it', (name, value) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}: `));
});

test("BCRYPT_COST: 10 to 15; under NODE_ENV=test down to 4, bcrypt's minimum, so tests do not spend their time hashing", () => {
  expect(loadConfig({ BCRYPT_COST: '12' }).bcryptCost).toBe(12);
  expect(loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '4' }).bcryptCost).toBe(4);
  expect(() => loadConfig({ BCRYPT_COST: '9' })).toThrow('BCRYPT_COST: must be between 10 and 15, got 9');
  expect(() => loadConfig({ NODE_ENV: 'production', BCRYPT_COST: '4' })).toThrow('BCRYPT_COST: must be between 10 and 15, got 4');
  expect(() => loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '3' })).toThrow('BCRYPT_COST: must be between 4 and 15, got 3');
});

test('mail: off (null) without SMTP_URL; with it, MAIL_FROM is needed and must be an address', () => {
  expect(loadConfig({}).mail).toBeNull();
  expect(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.com:587', MAIL_FROM: 'Gateway <no-reply@example.com>' }).mail).toEqual({
    smtpUrl: 'smtp://user:pass@mail.example.com:587',
    from: 'Gateway <no-reply@example.com>',
  });
  expect(() => loadConfig({ SMTP_URL: 'smtps://mail.example.com' })).toThrow(/^MAIL_FROM: /);
  expect(() => loadConfig({ SMTP_URL: 'smtps://mail.example.com', MAIL_FROM: 'nobody' })).toThrow(/^MAIL_FROM: /);
  expect(() => loadConfig({ SMTP_URL: 'ftp://user:hidden@mail.example.com' })).toThrow(/^SMTP_URL: .*user:\*\*\*@/);
});

test('tracing: off (null) without OTEL_EXPORTER_OTLP_ENDPOINT; with it, the service is "gateway" unless OTEL_SERVICE_NAME says', () => {
  expect(loadConfig({ OTEL_SERVICE_NAME: 'api' }).tracing).toBeNull();
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({ endpoint: 'http://collector:4318', serviceName: 'gateway' });
  expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/', OTEL_SERVICE_NAME: 'edge' }).tracing).toEqual({ endpoint: 'https://otel.example.com/', serviceName: 'edge' });
});

test('account security: sessions last 30 days after their last use, /metrics is open, 100 failed sign-ins per address a day', () => {
  expect(loadConfig({})).toMatchObject({ sessionTtlSeconds: 30 * 86_400, metricsToken: null, loginThrottle: { maxFailures: 10, windowSeconds: 900, maxFailuresPerAddress: 100 } });
  expect(loadConfig({ SESSION_TTL: '12h', METRICS_TOKEN: 'scrape-token-0123456789', LOGIN_MAX_FAILURES_PER_ADDRESS: '0' })).toMatchObject({
    sessionTtlSeconds: 12 * 3600,
    metricsToken: 'scrape-token-0123456789',
    loginThrottle: { maxFailuresPerAddress: 0 },
  });
  expect(loadConfig({ SESSION_TTL: '90' }).sessionTtlSeconds).toBe(90);
});

test('uploads default to data/uploads, 10 MB, the seven sniffable types, no URL imports and an hour to claim an upload', () => {
  expect(loadConfig({}).uploads).toEqual({
    dir: 'data/uploads',
    maxBytes: 10 * 1024 * 1024,
    allowedTypes: ['jpg', 'jpeg', 'png', 'gif', 'mp4', 'mov', 'webm'],
    urlImport: false,
    claimTtlSeconds: 3600,
  });
});

test('upload settings are read from the environment; types are trimmed, lower-cased and deduplicated', () => {
  const { uploads } = loadConfig({ UPLOAD_DIR: '/srv/media', UPLOAD_MAX_BYTES: '1024', UPLOAD_TYPES: ' PNG, .jpg ,png,', IMAGE_URL_IMPORT: '1', UPLOAD_CLAIM_TTL: '60' });
  expect(uploads).toEqual({ dir: '/srv/media', maxBytes: 1024, allowedTypes: ['png', 'jpg'], urlImport: true, claimTtlSeconds: 60 });
  expect(() => loadConfig({ UPLOAD_CLAIM_TTL: '0' })).toThrow('UPLOAD_CLAIM_TTL');
  expect(loadConfig({ UPLOAD_MAX_BYTES: String(1024 ** 3) }).uploads.maxBytes).toBe(1024 ** 3);
  expect(loadConfig({ IMAGE_URL_IMPORT: 'no' }).uploads.urlImport).toBe(false);
});

test("BODY_TIMEOUT_MS: five minutes to send a whole request by default (Node's own), at least a second", () => {
  expect(loadConfig({}).bodyTimeoutMs).toBe(300_000);
  expect(loadConfig({ BODY_TIMEOUT_MS: '1000' }).bodyTimeoutMs).toBe(1000);
  expect(() => loadConfig({ BODY_TIMEOUT_MS: '999' })).toThrow('BODY_TIMEOUT_MS');
});

test('an unknown upload type is named in the error', () => {
  expect(() => loadConfig({ UPLOAD_TYPES: 'png,exe,svg' })).toThrow('UPLOAD_TYPES: unknown exe, svg; expected some of jpg, jpeg, png, gif, mp4, mov, webm');
});

test('webhook delivery defaults: scale 1, public targets only, dispatching, 4 at once; values are read', () => {
  expect(loadConfig({}).webhooks).toEqual({ delayScale: 1, allowPrivateTargets: false, dispatch: true, concurrency: 4 });
  expect(loadConfig({ WEBHOOK_DELAY_SCALE: '0.001', WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', WEBHOOK_DISPATCH: '0', WEBHOOK_CONCURRENCY: '16' }).webhooks).toEqual({
    delayScale: 0.001,
    allowPrivateTargets: true,
    dispatch: false,
    concurrency: 16,
  });
});

test('PostgreSQL and Redis: the URLs are taken, the pool sized, and a password never shows in a message', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://gw:secret@db:5432/gateway', DATABASE_POOL_SIZE: '25', REDIS_URL: 'redis://cache:6379/2' });
  expect(config).toMatchObject({ databaseUrl: 'postgres://gw:secret@db:5432/gateway', databasePoolSize: 25, redisUrl: 'redis://cache:6379/2', redisPrefix: 'gateway:' });
  expect(loadConfig({}).redisUrl).toBeNull();
  expect(() => loadConfig({ DATABASE_URL: 'mysql://gw:secret@db/gateway' })).toThrow(/mysql:\/\/gw:\*\*\*@db\/gateway/);
  expect(redactUrl('postgresql://gw:p%40ss@db/gateway')).toBe('postgresql://gw:***@db/gateway');
  expect(redactUrl('redis://cache:6379')).toBe('redis://cache:6379');
});

test('TRUST_PROXY: off by default; true, a hop count, or addresses and ranges', () => {
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
});

test('CORS_ORIGINS: none by default; origins as browsers send them (lower case, no default port); "*." patterns; "*" alone', () => {
  expect(loadConfig({}).corsOrigins).toEqual([]);
  expect(loadConfig({ CORS_ORIGINS: 'http://localhost:5173, HTTPS://App.Example.com:443,https://*.example.com,http://127.0.0.1:80,capacitor://localhost' }).corsOrigins).toEqual([
    'http://localhost:5173',
    'https://app.example.com',
    'https://*.example.com',
    'http://127.0.0.1',
    'capacitor://localhost',
  ]);
  expect(loadConfig({ CORS_ORIGINS: 'http://[::1]:3000,http://*.localhost:3000' }).corsOrigins).toEqual(['http://[::1]:3000', 'http://*.localhost:3000']);
  expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  expect(() => loadConfig({ CORS_ORIGINS: 'http://localhost:5173/' })).toThrow('CORS_ORIGINS: "http://localhost:5173/" is not an origin: write scheme://host[:port] with no path');
});

test('trusted documents: none and APQ on by default (a day since last use, 16 MiB); only-mode needs a manifest and turns GraphiQL off', () => {
  expect(loadConfig({}).persistedDocuments).toEqual({ trustedDocuments: null, only: false, apqTtlSeconds: 86_400, apqCacheBytes: 16 * 1024 * 1024 });
  expect(loadConfig({ TRUSTED_DOCUMENTS: ' ./persisted-documents.json ', TRUSTED_DOCUMENTS_ONLY: '1', APQ_TTL: '12h', APQ_CACHE_MB: '64' })).toMatchObject({
    persistedDocuments: { trustedDocuments: './persisted-documents.json', only: true, apqTtlSeconds: 12 * 3600, apqCacheBytes: 64 * 1024 * 1024 },
    graphiql: false,
  });
  expect(loadConfig({ TRUSTED_DOCUMENTS: 'manifests/' }).graphiql).toBe(true);
  expect(() => loadConfig({ TRUSTED_DOCUMENTS_ONLY: '1' })).toThrow(/^TRUSTED_DOCUMENTS_ONLY: set TRUSTED_DOCUMENTS to the manifest/);
  expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'm.json', TRUSTED_DOCUMENTS_ONLY: '1', GRAPHIQL: '1' })).toThrow(
    /^GRAPHIQL: GraphiQL sends documents of its own, which TRUSTED_DOCUMENTS_ONLY=1 refuses/,
  );
});
