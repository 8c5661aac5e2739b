/** `npm run migrate`: brings the database named by DATABASE_URL up to date, then exits. */
import { ConfigError, loadConfig } from '../config';
import { loadEnvFile } from '../env-file';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  try {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'already up to date');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `bad environment value ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
