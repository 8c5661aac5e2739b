import pg from 'pg';

/** Drops the run's database, connections and all. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.GATEWAY_TEST_PG_DATABASE;
  if (!name) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
