import pg from 'pg';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../test/support/postgres/throwaway';

/** The PostgreSQL server the cluster scenario makes its database on. */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why PostgreSQL cannot be used (it does not answer), or null when it does. */
export async function postgresProblem(url = POSTGRES_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${url} does not answer (${(error as Error).message || (error as { code?: string }).code})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A database made for one benchmark run on the server `url` names; `drop` removes it, connections and all. */
export function createBenchDatabase(url = POSTGRES_URL): Promise<ThrowawayDatabase> {
  return createThrowawayDatabase(url, 'gateway_bench');
}

/** The server processes serving connections to database `name` (asked from the server's default database, so not one of them). */
export async function backendPids(name: string, url = POSTGRES_URL): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
