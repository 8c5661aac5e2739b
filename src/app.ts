import { type Config, redactUrl } from './config';
import { bootstrap, type BootstrapResult } from './bootstrap';
import { type DatabaseHandle, openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrate';
import { duringStartup } from './db/startup-lock';
import type { Mailer } from './mail/mailer';
import { seedDemo } from './seed/demo';
import { buildGateway, createServices, type Gateway } from './server';
import { startTracing } from './tracing';

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
  // Before the gateway is built (its hooks and plugins ask whether it runs); flushed when the app stops.
  const stopTracing = config.tracing ? startTracing(config.tracing) : async () => undefined;
  if (config.tracing) log(`tracing: spans go to ${redactUrl(config.tracing.endpoint)} as ${config.tracing.serviceName}`);
  const database = openDatabase(config.databaseUrl, { onQuery: options.onQuery, poolSize: config.databasePoolSize });
  let services: ReturnType<typeof createServices> | undefined;
  try {
    // Instances started together on one PostgreSQL database take turns here (src/db/startup-lock.ts).
    const { boot, seeded, demoApiKey, ready } = await duringStartup(config.databaseUrl, async () => {
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);
      const made = await bootstrap(database.db, config);
      const created = createServices({ config, database, serverKey: made.serverKey, mailer: options.mailer });
      services = created; // closed by the catch below if anything later fails
      const seed = config.seedDemo ?? made.fresh;
      const demo = seed
        ? await seedDemo(created, (step, done, total) => {
            if (done === total) log(`demo data: ${step} ${done}/${total}`);
          })
        : null;
      return { boot: made, seeded: seed, demoApiKey: demo?.demoApiKey ?? null, ready: created };
    });
    const gateway = await buildGateway({ services: ready, logger: options.logger });
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
        await stopTracing();
      },
    };
  } catch (error) {
    await services?.redis?.close();
    await database.close();
    await stopTracing();
    throw error;
  }
}
