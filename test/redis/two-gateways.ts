import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testDialect } from '../support/dialect';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { closeGateway } from '../support/ws';

/** The Redis the tests of this folder use; `.ci/run` sets it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? null;

/** `describe` when TEST_REDIS_URL is set; otherwise skipped, and said so. */
export function describeWithRedis(name: string, body: () => void): void {
  if (TEST_REDIS_URL) return describe(name, body);
  process.stderr.write(`Redis tests skipped (${name}): set TEST_REDIS_URL=redis://127.0.0.1:6379 to run them.\n`);
  describe.skip(`${name} (skipped: TEST_REDIS_URL is not set)`, body);
}

/** Two gateways, as two instances behind one address: one database, one Redis, one key prefix. */
export interface GatewayPair {
  a: TestGateway;
  b: TestGateway;
  /** A plain client of the same Redis, for looking at (or planting) keys. */
  redis: Redis;
  prefix: string;
  close(): Promise<void>;
}

let pairs = 0;

/**
 * Starts A, then B (which finds the database migrated), over a shared database: a WAL SQLite file
 * in a temporary directory, or one fresh PostgreSQL schema. The prefix is unique to the test file
 * and pair, so runs sharing the Redis never meet; close() deletes its keys.
 */
export async function startGatewayPair(name: string, env: Record<string, string> = {}): Promise<GatewayPair> {
  const prefix = `test:${name}:${process.pid}:${++pairs}:${testDialect()}:`;
  const dir = mkdtempSync(join(tmpdir(), 'gateway-pair-'));
  const database = testDialect() === 'sqlite' ? { url: `sqlite:${join(dir, 'shared.sqlite')}`, dispose: async () => undefined } : await freshDatabase();
  const shared = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL!, REDIS_PREFIX: prefix, ...env };
  const redis = new Redis(TEST_REDIS_URL!);
  const a = await startTestGateway(shared);
  const b = await startTestGateway(shared);
  return {
    a,
    b,
    redis,
    prefix,
    async close() {
      await closeGateway(a);
      await closeGateway(b);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { sleep, waitFor } from '../support/wait';

/** The user's presence as stored (both gateways read the same row). */
export async function storedPresence(gw: TestGateway, userId: number): Promise<string> {
  const row = await gw.app.database.db.selectFrom('users').select('presence').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.presence;
}
