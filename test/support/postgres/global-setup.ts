import pg from 'pg';
import { runDatabaseName } from './run-database';

/**
 * The PostgreSQL project's setup: a fresh database for this run, on the server TEST_POSTGRES_URL
 * names. Each test gateway then takes a schema of its own in it (test/support/dialect.ts), and
 * global-teardown.ts drops the database.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const name = runDatabaseName();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.TEST_POSTGRES_URL!);
    url.pathname = `/${name}`;
    process.env.GATEWAY_TEST_PG_URL = url.toString();
    process.env.GATEWAY_TEST_PG_DATABASE = name;
  } finally {
    await admin.end();
  }
}
