import 'reflect-metadata';
import { type App, startApp } from './app';
import { type Config, ConfigError, loadConfig, redactUrl } from './config';
import { loadEnvFile } from './env-file';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo';

function banner(app: App, config: Config): string {
  const { url, boot } = app;
  const ws = url.replace(/^http/, 'ws');
  const lines = [
    '',
    'Gateway ready',
    `  GraphQL    ${url}/graphql  (subscriptions: ${ws}/graphql)`,
    `  GraphiQL   ${url}/graphiql`,
    `  OpenAPI    ${url}/openapi.json  (reference: ${url}/docs)`,
    `  Health     ${url}/healthz`,
    `  Database   ${redactUrl(config.databaseUrl)}${config.databaseUrl.startsWith('postgres') ? `  (pool of ${config.databasePoolSize})` : ''}`,
    ...(config.redisUrl ? [`  Redis      ${redactUrl(config.redisUrl)}  (events, presence, rate limits shared; prefix ${config.redisPrefix})`] : []),
    '',
    'Credentials',
    `  social server_key   ${boot.serverKey}${boot.serverKeyGenerated ? '  (generated and stored; set SERVER_KEY to choose it)' : ''}`,
  ];
  if (boot.admin) {
    lines.push(`  admin              ${boot.admin.username} / ${boot.admin.password ?? '(ADMIN_PASSWORD)'}`);
    lines.push(`  admin API key      ${boot.admin.apiKey ?? '(ADMIN_API_KEY)'}  (community Basic password, marketing api_key)`);
    if (boot.admin.password || boot.admin.apiKey) lines.push('                     generated now and shown once: keep them');
  } else {
    lines.push('  admin              created at first start (its password and API key were shown then)');
  }
  lines.push(`  demo accounts      ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.pro ? 'premium' : 'free'})`).join(', ')}; password ${DEMO_PASSWORD}`);
  if (app.demoApiKey) lines.push(`  demo API key       ${app.demoApiKey}  (premium demo account: marketing api_key of the demo bot page, subscribers, flows, contacts)`);
  if (!app.seeded) lines.push('                     (demo data is loaded on a new database, or with npm run seed)');
  lines.push('', 'Sign in from GraphiQL with the Login mutation, then set the Authorization header to "Bearer <token>".', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const envFile = loadEnvFile();
  if (envFile.file) console.log(`environment: ${envFile.loaded.length} variables from ${envFile.file} (the environment wins over it)`);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Cannot start: bad environment value ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Handlers go in before start-up, so a signal during start-up still shuts down cleanly.
  let app: App | null = null;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests and closing`);
    if (!app) return; // still starting: start-up finishes, sees `stopping`, and stops.
    const timer = setTimeout(() => {
      console.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  app = await startApp(config, { log: (line) => console.log(line) });
  if (stopping) {
    await app.stop();
    process.exit(0);
  }
  console.log(banner(app, config));
}

main().catch((error) => {
  console.error('Cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
