import { runOn } from './postgres/throwaway';

export type TestDialect = 'sqlite' | 'postgres';

/**
 * The dialect this Jest project runs on (jest.config.js sets it per project): every test that
 * touches the database runs once on SQLite and, when TEST_POSTGRES_URL is set, once on PostgreSQL.
 */
export function testDialect(): TestDialect {
  return (globalThis as { GATEWAY_TEST_DIALECT?: TestDialect }).GATEWAY_TEST_DIALECT ?? 'sqlite';
}

/** A fresh, empty database for one gateway or test, and the way to throw it away. */
export interface FreshDatabase {
  url: string;
  dispose(): Promise<void>;
  /** PostgreSQL: what the run's database's other sessions are doing, for a report on a step that hangs. */
  activity?(): Promise<string>;
}

let schemas = 0;

/**
 * SQLite: a new in-memory database. PostgreSQL: a new schema in the run's database (made by
 * test/support/postgres/global-setup.ts), reached through a URL whose connections put it first on
 * their search path, so the migrations and every query land in it; dispose drops it.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  if (testDialect() === 'sqlite') return { url: 'sqlite::memory:', dispose: async () => undefined };
  const runUrl = process.env.GATEWAY_TEST_PG_URL;
  if (!runUrl) throw new Error('the PostgreSQL project runs without its database: global-setup did not run');
  const schema = `t_${process.pid}_${++schemas}_${Math.random().toString(36).slice(2, 8)}`;
  await runOn(runUrl, `CREATE SCHEMA "${schema}"`);
  const url = new URL(runUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    activity: async () => {
      const rows = await runOn<Record<string, unknown>>(
        runUrl,
        `select pid, state, wait_event_type, wait_event, now() - query_start as running, left(query, 160) as query
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      return rows.map((row) => JSON.stringify(row)).join('\n') || '(no other active session)';
    },
    dispose: async () => {
      await runOn(runUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}
