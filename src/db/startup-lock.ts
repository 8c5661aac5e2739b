import type pg from 'pg';

/** The advisory-lock key instances of one gateway database agree on (any fixed 64-bit number). */
const STARTUP_LOCK_KEY = 4_000_001;

/**
 * Runs `work` (migrating, making the admin, seeding a new database) while no other gateway
 * instance on the same PostgreSQL database runs its own: instances started together take turns,
 * and the later ones find the admin, the server key and the demo data made. The lock is a session
 * advisory lock on a connection of its own, outside the pool `work` uses, so a pool of one cannot
 * deadlock; it goes with that connection if the process dies. SQLite needs none: `work` just runs.
 */
export async function duringStartup<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return work();
  const { Client } = require('pg') as typeof pg;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await client.end(); // ending the session releases the lock
  }
}
