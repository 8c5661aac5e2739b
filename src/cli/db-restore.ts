/**
 * `npm run db:restore -- <backup>`: puts a `db:backup` file in place of the SQLite database named by
 * DATABASE_URL, with the gateway stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { ConfigError, loadConfig } from '../config';
import { loadEnvFile } from '../env-file';
import { integrityCheck, sqliteFileOf } from './db-backup';
import { exitWithUsage } from './usage';

/** What was restored, and where the database it replaced was kept (null: there was none). */
export interface RestoreResult {
  file: string;
  replacedKeptAt: string | null;
}

/**
 * Throws when another process has the database open, as a running gateway always does: in WAL mode
 * each connection holds a shared lock on the file, so an exclusive lock taken without waiting fails.
 * Closing the probe as the only connection also checkpoints the old WAL into the file.
 */
function assertNotInUse(file: string): void {
  const probe = new Sqlite(file, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Error(`${file} is in use (is the gateway running?): stop every gateway on it first; nothing was changed`);
    }
    throw error;
  } finally {
    probe.close();
  }
}

/**
 * Replaces the database file with a copy of `backup` once the backup passes `PRAGMA integrity_check`
 * and no process has the database open. The replaced database (its WAL checkpointed into it) is kept
 * at `<file>.before-restore`, overwriting an earlier one; its -wal and -shm files are removed, so the
 * next start reads the backup alone.
 */
export function restoreDatabase(options: { from: string; to: string }): RestoreResult {
  const target = sqliteFileOf(options.to, 'db:restore');
  const backup = path.resolve(options.from);
  if (!fs.existsSync(backup)) throw new Error(`no backup file at ${backup}`);
  if (backup === target) throw new Error('the backup file is the database itself');
  let integrity: string[];
  try {
    integrity = integrityCheck(backup);
  } catch (error) {
    throw new Error(`${backup} is not a readable SQLite database (${error instanceof Error ? error.message : String(error)}); nothing was changed`);
  }
  if (integrity.join() !== 'ok') throw new Error(`${backup} fails integrity_check (${integrity.slice(0, 5).join('; ')}); nothing was changed`);
  const incoming = `${target}.restoring-${process.pid}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(backup, incoming);
  const fd = fs.openSync(incoming, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  let replacedKeptAt: string | null = null;
  try {
    if (fs.existsSync(target)) {
      assertNotInUse(target);
      replacedKeptAt = `${target}.before-restore`;
      fs.renameSync(target, replacedKeptAt);
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(incoming, target);
  } finally {
    fs.rmSync(incoming, { force: true });
  }
  return { file: target, replacedKeptAt };
}

const USAGE = `usage: npm run db:restore -- <backup>
  replaces the SQLite database DATABASE_URL names with <backup> (a db:backup file);
  stop the gateway first: a database in use is refused. The replaced one is kept at <database>.before-restore.`;

async function main(): Promise<void> {
  let backup: string | undefined;
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { help: { type: 'boolean' } } });
    if (values.help) exitWithUsage(USAGE, true);
    if (positionals.length === 1 && positionals[0] !== '') backup = positionals[0];
  } catch {
    // an unknown option: the usage below
  }
  if (backup === undefined) exitWithUsage(USAGE, false);
  loadEnvFile();
  const { databaseUrl } = loadConfig();
  const result = restoreDatabase({ from: backup, to: databaseUrl });
  console.log(`restored ${path.resolve(backup)} to ${result.file}${result.replacedKeptAt ? `; the replaced database is at ${result.replacedKeptAt}` : ''}; start the gateway`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`db:restore failed: ${error instanceof ConfigError ? `bad environment value ${error.message}` : error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
