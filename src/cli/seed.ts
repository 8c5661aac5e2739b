/** `npm run seed`: migrates, bootstraps and loads the demo data into DATABASE_URL, showing progress. */
import 'reflect-metadata';
import { bootstrap } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { loadEnvFile } from '../env-file';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../seed/demo';
import type { Services } from '../graphql/context.types';
import { createServices } from '../server';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  let services: Services | undefined;
  try {
    await migrateToLatest(database.db);
    const boot = await bootstrap(database.db, config);
    if (boot.admin?.password) console.log(`admin created: ${boot.admin.username} / ${boot.admin.password}`);
    if (boot.admin?.apiKey) console.log(`admin API key: ${boot.admin.apiKey}`);
    services = createServices({ config, database, serverKey: boot.serverKey });
    const started = Date.now();
    const result = await seedDemo(services, (step, done, total) => {
      if (!process.stdout.isTTY) {
        if (done === total) console.log(`${step}: ${done}/${total}`);
        return;
      }
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r${step.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) process.stdout.write('\n');
    });
    console.log(`demo data: ${result.created} users created, ${result.skipped} already present (${Date.now() - started} ms)`);
    if (result.demoApiKey) console.log(`demo API key (premium demo account, shown once): ${result.demoApiKey}`);
  } finally {
    // With REDIS_URL the services hold Redis connections: closed too, or the process never exits.
    await services?.redis?.close();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `bad environment value ${error.message}` : error instanceof Error ? error.message : error);
  process.exit(1);
});
