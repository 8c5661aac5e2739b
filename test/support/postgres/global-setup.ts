import { createThrowawayDatabase } from './throwaway';

/**
 * The PostgreSQL project's setup: a fresh database for this run, on the server TEST_POSTGRES_URL
 * names. Each test gateway then takes a schema of its own in it (test/support/dialect.ts), and
 * global-teardown.ts drops the database.
 */
export default async function globalSetup(): Promise<void> {
  const database = await createThrowawayDatabase(process.env.TEST_POSTGRES_URL!, 'gateway_test');
  process.env.GATEWAY_TEST_PG_URL = database.url;
  process.env.GATEWAY_TEST_PG_DATABASE = database.name;
}
