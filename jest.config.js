/**
 * Tests run the real migrations and talk to a real server on port 0: once on SQLite and, when
 * TEST_POSTGRES_URL names a PostgreSQL server (`.ci/run` sets it), once more on PostgreSQL in a
 * database made for the run and dropped after it (test/support/postgres/).
 */
const common = {
  testEnvironment: '<rootDir>/test/support/environment.ts',
  // Libraries load once per worker, suites run in its realm (see both files).
  runtime: '<rootDir>/test/support/runtime.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc, as ts-node runs src/ for child gateways (ts-jest before: the SQLite run took 242 s from a
  // cold cache and 235 s warm, with swc 222 s and 225 s). Types are checked by `npm run lint` (tsc).
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
};

/**
 * Run once, on SQLite: tests that use no stored data (schema, parsing, media files, limits), and
 * tests of what only SQLite has (file pragmas, the embedded start, the benchmark's SQLite dataset);
 * test/db/dialect-parity.test.ts checks what the repositories rely on, on both.
 */
const SINGLE_RUN = [
  '/test/config.test.ts',
  '/test/rest/legacy-retirement.test.ts',
  '/test/rest/legacy-usage.test.ts',
  '/test/config-env-example.test.ts',
  '/test/config-env-file.test.ts',
  '/test/db/migrations.test.ts',
  '/test/db/backup.test.ts',
  '/test/server/start.test.ts',
  '/test/server/lazy-modules.test.ts',
  '/test/server/tracing-export.test.ts',
  '/test/redis/seed-exits.test.ts',
  '/test/graphql/type-graphql-patch.test.ts',
  '/test/webhooks/crash.test.ts',
  '/test/bench/',
  '/test/media/multipart.test.ts',
  '/test/graphql/limits.test.ts',
  '/test/graphql/introspection.test.ts',
  '/test/graphql/schema-lint.test.ts',
  '/test/graphql/graphql-patch.test.ts',
  '/test/server/background-attribution.test.ts',
  '/test/graphql/trusted-documents.test.ts',
  '/test/rest/shim-operations.test.ts',
  '/test/media/upload-scalar.test.ts',
  '/test/media/url-import.test.ts',
  '/test/media/media-store.test.ts',
  '/test/graphiql/default-query.test.ts',
  '/test/server/security-headers.browser.test.ts',
  '/test/server/multipart-memory.test.ts',
  '/test/db/statement-cache.test.ts',
  '/test/docs/',
  '/test/scripts/',
  '/test/examples/',
];

const projects = [{ ...common, displayName: 'sqlite', globals: { GATEWAY_TEST_DIALECT: 'sqlite' } }];
if (process.env.TEST_POSTGRES_URL) {
  projects.push({
    ...common,
    displayName: 'postgres',
    globals: { GATEWAY_TEST_DIALECT: 'postgres' },
    testPathIgnorePatterns: ['/node_modules/', ...SINGLE_RUN],
    globalSetup: '<rootDir>/test/support/postgres/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/postgres/global-teardown.ts',
  });
} else if (!process.argv.some((arg) => arg.includes('.slow.ts') || arg.includes('.cluster.ts'))) {
  process.stderr.write('PostgreSQL runs skipped: set TEST_POSTGRES_URL=postgres://user@host:5432/postgres to run every database test on PostgreSQL too.\n');
}

module.exports = { projects, testTimeout: 30000, maxWorkers: 2, testSequencer: '<rootDir>/test/support/sequencer.js' };
