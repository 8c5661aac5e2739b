/**
 * `npm run openapi:lint`: builds the legacy APIs' OpenAPI document from the code, as /openapi.json
 * serves it (the server is PUBLIC_URL, else http://localhost:PORT), and lints it with Redocly's
 * recommended rules (redocly.yaml). Fails when a route's answers could not be derived.
 * With `--out <file>` it writes the document there instead (`-` for stdout), for client generators.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { loadEnvFile } from '../env-file';
import { createGatewayPubSub } from '../graphql/pubsub';
import { buildGatewaySchema } from '../graphql/schema';
import { families } from '../rest/families';
import { buildOpenApi, withServer } from '../rest/openapi';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  loadEnvFile();
  const config = loadConfig();
  const { document, gaps } = await buildOpenApi(families, buildGatewaySchema(createGatewayPubSub()));
  const text = `${JSON.stringify(withServer(document, config.publicUrl ?? `http://localhost:${config.port}`), null, 2)}\n`;
  for (const gap of gaps) console.error(`${gap.method.toUpperCase()} ${gap.path} (${gap.family}): ${gap.problems.join('; ')}`);
  const out = process.argv.indexOf('--out');
  if (out !== -1) {
    const file = process.argv[out + 1];
    if (!file) throw new Error('--out needs a file name (or - for stdout)');
    if (file === '-') process.stdout.write(text);
    else fs.writeFileSync(file, text);
    return gaps.length > 0 ? 1 : 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, text);
    const redocly = path.join(ROOT, 'node_modules', '.bin', 'redocly');
    // No telemetry or update check: the lint needs no network.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const lint = spawnSync(redocly, ['lint', '--config', path.join(ROOT, 'redocly.yaml'), file], { stdio: 'inherit', env });
    if (lint.error) throw lint.error;
    if (gaps.length > 0) console.error(`${gaps.length} operations have answers the document could not derive`);
    return lint.status !== 0 || gaps.length > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? `bad environment value ${error.message}` : error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
