/**
 * `npm run db:backup -- <file>`: copies the SQLite database named by DATABASE_URL into one file while
 * the gateway keeps serving and writing, with SQLite's online backup API, then checks the copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import cliProgress from 'cli-progress';
import { ConfigError, loadConfig, redactUrl } from '../config';
import { loadEnvFile } from '../env-file';
import { exitWithUsage } from './usage';

/** Pages copied per step unless `--step` says otherwise (4 MiB at SQLite's default 4 KiB page). */
const DEFAULT_STEP_PAGES = 1000;

export interface BackupOptions {
  /** The DATABASE_URL to back up: `sqlite:<path>` (a PostgreSQL URL is refused: use pg_dump). */
  from: string;
  /** The backup file to write; refused when it exists, unless `force`. */
  to: string;
  force?: boolean;
  /** Pages copied per step; between steps the event loop turns. */
  stepPages?: number;
  /** Called once the source snapshot is taken: every transaction committed before it is in the backup, none after. */
  onSnapshot?: () => void;
  /** Called after each step with the pages copied so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The backup written: its file, pages, bytes, the integrity check's answer and the milliseconds taken. */
export interface BackupResult {
  file: string;
  pages: number;
  bytes: number;
  /** `ok`, or the problems `PRAGMA integrity_check` listed (the backup is then kept aside, not at `file`). */
  integrity: string[];
  ms: number;
}

/** The file a `sqlite:<path>` URL names; anything else is refused with what to do instead. */
export function sqliteFileOf(url: string, command: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL is PostgreSQL (${redactUrl(url)}): ${command} handles the SQLite file only; use pg_dump (and pg_restore) for PostgreSQL`);
  }
  const file = /^sqlite:(.+)$/.exec(url)?.[1];
  if (file === undefined) throw new Error(`DATABASE_URL: unsupported database "${redactUrl(url)}"`);
  if (file === ':memory:') throw new Error(`DATABASE_URL is sqlite::memory:: there is no file for ${command}`);
  return path.resolve(file);
}

/** What `PRAGMA integrity_check` answers for a SQLite file: `['ok']` when sound. */
export function integrityCheck(file: string): string[] {
  const sqlite = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  } finally {
    sqlite.close();
  }
}

/**
 * Backs up a live SQLite database. A read transaction on a connection of its own pins one WAL
 * snapshot for the whole copy, so the gateway keeps writing, the copy never restarts, and it holds
 * exactly the transactions committed before the snapshot. The copy is written beside the target,
 * switched to a single-file journal, checked with `PRAGMA integrity_check` and only then renamed
 * onto the target; a failed check leaves it at `<file>.corrupt`.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const source = sqliteFileOf(options.from, 'db:backup');
  const target = path.resolve(options.to);
  if (!fs.existsSync(source)) throw new Error(`no SQLite database at ${source}`);
  if (target === source) throw new Error('the backup file is the database itself');
  if (fs.existsSync(target) && !options.force) throw new Error(`${target} exists; nothing was written (choose another file, or --force to replace it)`);
  if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new Error(`${target} is not a file`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const step = options.stepPages ?? DEFAULT_STEP_PAGES;
  const db = new Sqlite(source, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    // The first read starts the transaction's snapshot; backup steps reuse this open read transaction.
    db.prepare('select count(*) from sqlite_master').get();
    options.onSnapshot?.();
    const progress = await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return step;
      },
    });
    pages = progress.totalPages;
    options.onProgress?.(pages, pages);
    db.exec('COMMIT');
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  const copy = new Sqlite(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const integrity = integrityCheck(partial);
  if (integrity.join() !== 'ok') {
    fs.renameSync(partial, `${target}.corrupt`);
    return { file: `${target}.corrupt`, pages, bytes: fs.statSync(`${target}.corrupt`).size, integrity, ms: Date.now() - started };
  }
  const fd = fs.openSync(partial, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, target);
  return { file: target, pages, bytes: fs.statSync(target).size, integrity, ms: Date.now() - started };
}

const USAGE = `usage: npm run db:backup -- <file> [--force] [--step <pages>]
  <file>   where to write the backup (one SQLite file) of the database DATABASE_URL names
  --force  replace <file> if it exists
  --step   pages copied per step (default ${DEFAULT_STEP_PAGES})
The gateway may keep running: the backup is the database as it was when the copy began.`;

/** The command line's target, force flag and step, 'help' when asked, or null when they do not make sense. */
function parseCommandLine(argv: string[]): { to: string; force: boolean; stepPages: number } | 'help' | null {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' }, step: { type: 'string' }, help: { type: 'boolean' } } });
    if (values.help) return 'help';
    if (positionals.length !== 1 || positionals[0] === '') return null;
    const stepPages = values.step === undefined ? DEFAULT_STEP_PAGES : Number(values.step);
    if (!Number.isInteger(stepPages) || stepPages < 1 || stepPages > 1_000_000) return null;
    return { to: positionals[0], force: values.force ?? false, stepPages };
  } catch {
    return null;
  }
}

/** Progress on stderr: a bar on a terminal, otherwise a line per step (`pages 1000/52311`). */
export function pageProgress(): { onProgress: (done: number, total: number) => void; stop(): void } {
  if (!process.stderr.isTTY) return { onProgress: (done, total) => console.error(`pages ${done}/${total}`), stop: () => undefined };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'pages [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress(done, total) {
      if (!started) bar.start(Math.max(total, 1), 0);
      started = true;
      bar.setTotal(Math.max(total, 1));
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}

async function main(): Promise<void> {
  const args = parseCommandLine(process.argv.slice(2));
  if (args === 'help' || !args) exitWithUsage(USAGE, args === 'help');
  loadEnvFile();
  const { databaseUrl } = loadConfig();
  const progress = pageProgress();
  const result = await backupDatabase({
    from: databaseUrl,
    ...args,
    onSnapshot: () => console.log(`snapshot of ${sqliteFileOf(databaseUrl, 'db:backup')} taken; copying`),
    onProgress: progress.onProgress,
  }).finally(() => progress.stop());
  console.log(`integrity_check: ${result.integrity.slice(0, 20).join('; ')}`);
  if (result.integrity.join() !== 'ok') {
    console.error(`db:backup failed: the copy did not pass integrity_check; kept at ${result.file} for inspection`);
    process.exit(1);
  }
  console.log(`backed up ${result.pages} pages (${(result.bytes / 1048576).toFixed(1)} MiB) to ${result.file} in ${(result.ms / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`db:backup failed: ${error instanceof ConfigError ? `bad environment value ${error.message}` : error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
