import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import { createThrowawayDatabase } from '../support/postgres/throwaway';

const ROOT = path.resolve(__dirname, '../..');

/** The PostgreSQL server the cluster test makes its database on (TEST_POSTGRES_URL, or the local default). */
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis both instances share (TEST_REDIS_URL, or the local default). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const PROBE = `
const pg = require('pg');
const Redis = require('ioredis');
(async () => {
  const problems = [];
  const client = new pg.Client({ connectionString: process.env.PROBE_POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try { await client.connect(); await client.query('select 1'); } catch (e) { problems.push('PostgreSQL at ' + process.env.PROBE_POSTGRES_URL + ' does not answer (' + (e.message || e.code) + ')'); }
  await client.end().catch(() => undefined);
  const redis = new Redis(process.env.PROBE_REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try { await redis.connect(); await redis.ping(); } catch (e) { problems.push('Redis at ' + process.env.PROBE_REDIS_URL + ' does not answer (' + (e.message || e.code) + ')'); }
  redis.disconnect();
  process.stdout.write(JSON.stringify(problems));
})();
`;

/**
 * Why the cluster test cannot run here (PostgreSQL or Redis does not answer), or null. Asked
 * synchronously, in a child process, because Jest must know while collecting whether to skip.
 */
export function missingServices(): string | null {
  const out = execFileSync(process.execPath, ['-e', PROBE], {
    cwd: ROOT,
    env: { ...process.env, PROBE_POSTGRES_URL: POSTGRES_URL, PROBE_REDIS_URL: REDIS_URL },
    timeout: 15_000,
  });
  const problems = JSON.parse(out.toString()) as string[];
  return problems.length === 0 ? null : problems.join('; ');
}

/** A database made for one run on the PostgreSQL server, and the way to drop it. */
export interface RunDatabase {
  name: string;
  url: string;
  /** A client on it, for checks that read the rows themselves. */
  query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** Creates a fresh, empty database named after the time and this process. */
export async function createRunDatabase(): Promise<RunDatabase> {
  const database = await createThrowawayDatabase(POSTGRES_URL, 'gateway_cluster');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    ...database,
    query: async (sql, values) => (await pool.query(sql, values)).rows,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}

/** A key prefix no other run uses, so runs (and other gateways) can share the Redis. */
export function runRedisPrefix(): string {
  return `gateway-cluster-test:${Date.now().toString(36)}:${process.pid}:`;
}

/** Deletes every key under `prefix`; answers how many there were. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
