import { dropDatabase } from './throwaway';

/** Drops the run's database, connections and all. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env.GATEWAY_TEST_PG_DATABASE;
  if (name) await dropDatabase(process.env.TEST_POSTGRES_URL!, name);
}
