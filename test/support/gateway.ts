import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, startApp } from '../../src/app';
import { backgroundWork } from '../../src/background';
import { BCRYPT_TEST_MIN_COST, loadConfig } from '../../src/config';
import { LogMailer } from '../../src/mail/mailer';
import { type FreshDatabase, freshDatabase } from './dialect';

export const ADMIN_PASSWORD = 'admin-password-1';
export const ADMIN_API_KEY = 'test-admin-api-key-0123456789abcdefghij';
export const SERVER_KEY = 'test-server-key-0123456789';
/** The document `member` registers with (a trusted-documents manifest lists it to let `member` work). */
export const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { token user { id: databaseId } } }';

/**
 * A gateway on port 0 over a fresh, migrated database (in-memory SQLite, or a schema of its own on
 * PostgreSQL in that Jest project), with helpers for tests.
 */
export interface TestGateway {
  app: App;
  url: string;
  mailer: LogMailer;
  logLines: string[];
  /**
   * The SQL of every statement the gateway ran for requests, in order: the statements of its own
   * background work (src/background.ts) are left out, so a test counting a request's statements
   * counts only those, whenever a sweep or a dispatcher's claim falls due.
   */
  queries: string[];
  /** The statements of the gateway's background work, each with the work's name. */
  backgroundQueries: { work: string; sql: string }[];
  /** UPLOAD_DIR: a fresh temporary directory removed by close(), unless the caller passed one. */
  uploadDir: string;
  /** POSTs a GraphQL operation; returns the parsed body and status. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: any }>;
  /** Sends a request; a plain object body is form-encoded unless `json` is set; `multipart` is sent as multipart/form-data. */
  http(
    method: string,
    path: string,
    options?: { form?: Record<string, string>; json?: unknown; multipart?: FormData; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Registers a member through GraphQL and returns its id and token. */
  member(username: string, password?: string): Promise<{ id: number; token: string; email: string }>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function startTestGateway(env: Record<string, string> = {}): Promise<TestGateway> {
  const logLines: string[] = [];
  const queries: string[] = [];
  const backgroundQueries: TestGateway['backgroundQueries'] = [];
  const ownUploadDir = env.UPLOAD_DIR === undefined;
  const uploadDir = env.UPLOAD_DIR ?? mkdtempSync(join(tmpdir(), 'gateway-uploads-'));
  const database: FreshDatabase | null = env.DATABASE_URL === undefined ? await freshDatabase() : null;
  const cleanUp = async () => {
    if (ownUploadDir) rmSync(uploadDir, { recursive: true, force: true });
    await database?.dispose();
  };
  const mailer = new LogMailer(() => undefined);
  let app: App;
  try {
    const config = loadConfig({
      DATABASE_URL: database?.url,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_PASSWORD,
      ADMIN_API_KEY,
      SERVER_KEY,
      SEED_DEMO: '0',
      LOG_LEVEL: 'info',
      UPLOAD_DIR: uploadDir,
      // Tests send many requests from one address; test/server/rate-limits.test.ts turns the limits on.
      RATE_LIMIT_PER_IP: '0',
      RATE_LIMIT_PER_CREDENTIAL: '0',
      // Passwords hashed at bcrypt's lowest cost, which NODE_ENV=test allows; a production-mode gateway keeps 10.
      ...(env.NODE_ENV === undefined ? { NODE_ENV: 'test', BCRYPT_COST: String(BCRYPT_TEST_MIN_COST) } : {}),
      ...env,
    });
    app = await startApp(config, {
      // With SMTP_URL the gateway's own SMTP mailer sends (test/users/smtp-mail.test.ts).
      mailer: config.mail ? undefined : mailer,
      onQuery: (sql) => {
        const work = backgroundWork();
        if (work === undefined) queries.push(sql);
        else backgroundQueries.push({ work, sql });
      },
      logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) }, ...loggingSerializers() },
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const url = app.url;

  const http: TestGateway['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | FormData | undefined;
    if (options.multipart) {
      body = options.multipart; // fetch sets the content type with its boundary
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const gql: TestGateway['gql'] = async (query, variables, token) => {
    const response = await http('POST', '/graphql', {
      json: { query, variables },
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: response.body };
  };

  return {
    app,
    url,
    mailer,
    logLines,
    queries,
    backgroundQueries,
    uploadDir,
    gql,
    http,
    async member(username, password = 'password123') {
      const email = `${username.toLowerCase()}@example.com`;
      const { body } = await gql(REGISTER, { input: { username, email, password } });
      if (!body.data?.register) throw new Error(`register failed: ${JSON.stringify(body)}`);
      return { id: body.data.register.user.id, token: body.data.register.token, email };
    },
    async count(table) {
      const row = await app.database.db
        .selectFrom(table as never)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async close() {
      // A close that hangs says where (CI's only clue otherwise is the hook's timeout).
      let step = 'stopping the gateway (HTTP, sockets, background work, database connections)';
      const watchdog = setTimeout(() => void reportSlowClose(step, app, database), SLOW_CLOSE_MS);
      try {
        await app.stop();
      } finally {
        step = 'dropping the database';
        await cleanUp();
        clearTimeout(watchdog);
      }
    },
  };
}

const SLOW_CLOSE_MS = 10_000;

async function reportSlowClose(step: string, app: App, database: FreshDatabase | null): Promise<void> {
  const connections = await new Promise<number>((resolve) => app.gateway.app.server.getConnections((_error, n) => resolve(n)));
  const activity = await database?.activity?.().catch((error: Error) => `(activity unknown: ${error.message})`);
  process.stderr.write(`test gateway ${app.url}: still ${step} after ${SLOW_CLOSE_MS / 1000} s; ${connections} HTTP connection(s) open${activity ? `\n${activity}` : ''}\n`);
  // Every test has had its answers by now: a connection still open is a client left hanging, not
  // work to wait for, so it is closed rather than holding the suite up to the hook's timeout.
  if (connections > 0) app.gateway.app.server.closeAllConnections();
}

function loggingSerializers() {
  const { loggerOptions } = require('../../src/http/logging') as typeof import('../../src/http/logging');
  const { serializers, redact } = loggerOptions('info');
  return { serializers, redact };
}
