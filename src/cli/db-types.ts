/** Regenerates src/db/schema.ts from the migrations: migrate a scratch SQLite file, introspect it, tidy ids. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';

async function main(): Promise<void> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-types-')), 'types.db');
  const handle = openDatabase(`sqlite:${file}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const out = path.resolve(__dirname, '../db/schema.ts');
  execFileSync('npx', ['kysely-codegen', '--dialect', 'sqlite', '--url', file, '--out-file', out, '--exclude-pattern', 'kysely_*'], {
    stdio: 'inherit',
  });
  // SQLite reports INTEGER PRIMARY KEY as nullable; it never is.
  fs.writeFileSync(out, fs.readFileSync(out, 'utf8').replace(/id: Generated<number \| null>;/g, 'id: Generated<number>;'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
