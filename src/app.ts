import type { Config } from './config';
import { bootstrap, type BootstrapResult } from './bootstrap';
import { type DatabaseHandle, openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import type { Mailer } from './mail/mailer';
import { seedDemo } from './seed/demo';
import { buildGateway, createServices, type Gateway } from './server';

/** A running gateway and the way to stop it. */
export interface App {
  gateway: Gateway;
  database: DatabaseHandle;
  boot: BootstrapResult;
  seeded: boolean;
  /** The premium demo account's API key when the demo data made it now (it is shown only once). */
  demoApiKey: string | null;
  url: string;
  /** Drains HTTP, closes sockets, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Opens and migrates the database, bootstraps it, seeds demo data when asked (by default on an
 * empty database), builds the gateway and listens. Nothing happens at import.
 */
export interface StartOptions {
  log?: (line: string) => void;
  mailer?: Mailer;
  /** Fastify logger options; tests pass false or a capturing stream. */
  logger?: boolean | Record<string, unknown>;
  /** Called with the SQL of every statement; see openDatabase. */
  onQuery?: (sql: string) => void;
}

export async function startApp(config: Config, options: StartOptions = {}): Promise<App> {
  const log = options.log ?? (() => undefined);
  const database = openDatabase(config.databaseUrl, { onQuery: options.onQuery, poolSize: config.databasePoolSize });
  let services: ReturnType<typeof createServices> | undefined;
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
    const boot = await bootstrap(database.db, config);
    services = createServices({ config, database, serverKey: boot.serverKey, mailer: options.mailer });
    const seeded = config.seedDemo ?? boot.fresh;
    let demoApiKey: string | null = null;
    if (seeded) {
      const result = await seedDemo(services, (step, done, total) => {
        if (done === total) log(`demo data: ${step} ${done}/${total}`);
      });
      demoApiKey = result.demoApiKey;
    }
    const gateway = await buildGateway({ services, logger: options.logger });
    const address = await gateway.app.listen({ port: config.port, host: config.host });
    const url = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost').replace('://[::1]', '://localhost');
    return {
      gateway,
      database,
      boot,
      seeded,
      demoApiKey,
      url,
      async stop() {
        await gateway.close();
        await database.close();
      },
    };
  } catch (error) {
    await services?.redis?.close();
    await database.close();
    throw error;
  }
}
