/**
 * `npm run db:copy -- --from sqlite:data/gateway.db --to postgres://…`: copies every row of a SQLite
 * gateway database into a PostgreSQL one, in one transaction on the target, showing progress.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { migrations } from '../../migrations';
import { advanceIdSequence } from '../../migrations/helpers';
import { redactUrl } from '../config';
import { openDatabase } from '../db/connection';
import type { AnyDatabase } from '../db/dialect';
import { loadEnvFile } from '../env-file';
import { migrateToLatest } from '../db/migrate';
import { exitWithUsage } from './usage';

/** Rows per INSERT, fewer when a table is wide: PostgreSQL binds at most 65535 parameters a statement. */
const BATCH_ROWS = 500;
const MAX_PARAMETERS = 65535;

export interface CopyOptions {
  /** `sqlite:<path>`: the source, read in one snapshot. */
  from: string;
  /** `postgres://…`: the target, migrated to the latest schema first. */
  to: string;
  /** Copy even when the target already has users; its rows in the copied tables are replaced. */
  force?: boolean;
  /** Called before a table's first batch (done 0) and after each batch. */
  onProgress?: (table: string, done: number, total: number) => void;
}

/** What was copied: rows and milliseconds per table, in copy order, and the whole run's milliseconds. */
export interface CopyResult {
  tables: { name: string; rows: number; ms: number }[];
  ms: number;
}

/** A source table: its columns, its row count, and the columns that point at its own ids. */
interface TablePlan {
  name: string;
  columns: string[];
  hasId: boolean;
  selfReferences: string[];
  rows: number;
  dependsOn: string[];
}

/**
 * Copies the model's tables from a SQLite database into PostgreSQL in foreign-key order. The target
 * is refused when it already has users, unless `force`; it is migrated to the latest schema, then
 * filled in one transaction that first empties those tables (the roles the migrations add are the
 * source's too), checks every table's row count before committing and moves each identity sequence
 * past the copied ids, so a failure leaves no rows behind. The target's trigger fills `messages_fts`;
 * ANALYZE gives the planner the new tables' statistics.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyResult> {
  const started = Date.now();
  const file = /^sqlite:(.+)$/.exec(options.from)?.[1];
  if (!file || !fs.existsSync(file)) throw new Error(`no SQLite database at ${options.from}`);
  const source = openDatabase(options.from);
  const target = openDatabase(options.to, { poolSize: 1 });
  try {
    if (target.dialect !== 'postgres') throw new Error('db:copy copies into postgres://…');
    await assertAtLatest(source.db);
    if (!options.force) await assertNoUsers(target.db, options.to);
    await migrateToLatest(target.db);
    return await source.db.transaction().execute(async (snapshot) => {
      const plans = inCopyOrder(await planTables(snapshot));
      const tables = await target.db.transaction().execute(async (trx) => {
        await sql`truncate table ${sql.join(plans.map((plan) => sql.table(plan.name)))} cascade`.execute(trx);
        const copied: CopyResult['tables'] = [];
        for (const plan of plans) {
          const t0 = Date.now();
          await copyTable(snapshot, trx, plan, options.onProgress ?? (() => undefined));
          if (plan.hasId) await advanceIdSequence(trx, plan.name);
          copied.push({ name: plan.name, rows: plan.rows, ms: Date.now() - t0 });
        }
        await assertCounts(trx, plans);
        return copied;
      });
      // A bulk copy leaves the planner's statistics stale until autovacuum comes round.
      await sql`analyze`.execute(target.db);
      return { tables, ms: Date.now() - started };
    });
  } finally {
    await source.close();
    await target.close();
  }
}

/** The source must carry every migration this build knows, so both sides have the same columns. */
async function assertAtLatest(db: AnyDatabase): Promise<void> {
  const known = Object.keys(migrations);
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`
    .execute(db)
    .then((result) => result.rows.map((row) => row.name))
    .catch(() => []);
  if (applied.join() !== known.join()) throw new Error('the source is not a gateway database at the latest migration: run `npm run migrate` with DATABASE_URL set to it first');
}

async function assertNoUsers(db: AnyDatabase, url: string): Promise<void> {
  const { rows } = await sql<{ present: number }>`select to_regclass('users') is not null as present`.execute(db);
  if (rows[0]?.present !== 1) return;
  const { rows: counted } = await sql<{ n: number }>`select count(*) as n from users`.execute(db);
  if (counted[0].n > 0) throw new Error(`the target ${redactUrl(url)} already has ${counted[0].n} users; nothing was copied (use an empty database, or --force to replace its rows)`);
}

/** The source's tables of the model: not the migration bookkeeping, the FTS5 index or SQLite's own. */
async function planTables(db: AnyDatabase): Promise<TablePlan[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_migration%' escape '\\'
      and name != 'messages_fts' and name not like 'messages\\_fts\\_%' escape '\\'
    order by name`.execute(db);
  return Promise.all(
    tables.map(async ({ name }) => {
      const columns = (await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db)).rows.map((row) => row.name);
      const keys = (await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(db)).rows;
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db);
      return {
        name,
        columns,
        hasId: columns.includes('id'),
        selfReferences: keys.filter((key) => key.table === name).map((key) => key.from),
        dependsOn: [...new Set(keys.filter((key) => key.table !== name).map((key) => key.table))],
        rows: rows[0].n,
      };
    }),
  );
}

/** Referenced tables before the tables that reference them; a cycle between tables is refused. */
function inCopyOrder(plans: TablePlan[]): TablePlan[] {
  const byName = new Map(plans.map((plan) => [plan.name, plan]));
  const ordered: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plan: TablePlan, path: string[]) => {
    if (state.get(plan.name) === 'done') return;
    if (state.get(plan.name) === 'visiting') throw new Error(`foreign keys form a cycle (${[...path, plan.name].join(' → ')}); db:copy cannot order it`);
    state.set(plan.name, 'visiting');
    for (const name of plan.dependsOn) if (byName.has(name)) visit(byName.get(name)!, [...path, plan.name]);
    state.set(plan.name, 'done');
    ordered.push(plan);
  };
  for (const plan of plans) visit(plan, []);
  return ordered;
}

/**
 * Copies one table in rowid order, a batch per INSERT. A row pointing at a row of its own table not
 * yet copied (a reply to a later message, say) goes in with that column null and gets it afterwards.
 */
async function copyTable(source: AnyDatabase, target: AnyDatabase, plan: TablePlan, onProgress: NonNullable<CopyOptions['onProgress']>): Promise<void> {
  const batch = Math.min(BATCH_ROWS, Math.floor(MAX_PARAMETERS / plan.columns.length));
  const later: { id: number; column: string; value: unknown }[] = [];
  const columns = sql.join(plan.columns.map((column) => sql.ref(column)));
  let last = Number.MIN_SAFE_INTEGER;
  let done = 0;
  onProgress(plan.name, 0, plan.rows);
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`select rowid as copy_rowid, ${columns} from ${sql.table(plan.name)} where rowid > ${last} order by rowid limit ${batch}`.execute(source);
    if (rows.length === 0) break;
    last = rows[rows.length - 1].copy_rowid as number;
    const values = rows.map(({ copy_rowid: _rowid, ...row }) => {
      for (const column of plan.selfReferences) {
        if (row[column] !== null && (row[column] as number) > last) {
          later.push({ id: row.id as number, column, value: row[column] });
          row[column] = null;
        }
      }
      return row;
    });
    await target.insertInto(plan.name).values(values).execute();
    done += rows.length;
    onProgress(plan.name, done, plan.rows);
  }
  await setLater(target, plan.name, later);
}

/** Sets the held-back self references, one UPDATE … FROM (VALUES …) per column and batch, not one per row. */
async function setLater(target: AnyDatabase, table: string, later: { id: number; column: string; value: unknown }[]): Promise<void> {
  for (const column of new Set(later.map((entry) => entry.column))) {
    const pending = later.filter((entry) => entry.column === column);
    for (let i = 0; i < pending.length; i += BATCH_ROWS) {
      const pairs = sql.join(pending.slice(i, i + BATCH_ROWS).map(({ id, value }) => sql`(${id}::integer, ${value}::integer)`));
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = later.value from (values ${pairs}) as later(id, value) where ${sql.table(table)}.id = later.id`.execute(target);
    }
  }
}

/** Every table holds as many rows as the source had, or the transaction rolls back. */
async function assertCounts(db: AnyDatabase, plans: TablePlan[]): Promise<void> {
  for (const plan of plans) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(plan.name)}`.execute(db);
    if (rows[0].n !== plan.rows) throw new Error(`${plan.name}: ${rows[0].n} rows on the target, ${plan.rows} in the source; rolled back`);
  }
}

const USAGE = `usage: npm run db:copy -- [--from sqlite:<path>] --to postgres://… [--force]
       npm run db:copy -- sqlite:<path> postgres://…
  --from   the SQLite database to read (default: DATABASE_URL)
  --to     the PostgreSQL database to fill; migrated first, must have no users
  --force  copy even if the target has users: its rows in the copied tables are replaced`;

/** The command line's source, target and force flag, 'help' when asked, or null when they do not make sense. */
function parseCommandLine(argv: string[]): { from: string; to: string; force: boolean } | 'help' | null {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help) return 'help';
    if (positionals.length > 2) return null;
    const to = values.to ?? positionals.at(-1);
    const from = values.from ?? (positionals.length === 2 ? positionals[0] : process.env.DATABASE_URL);
    if (!from?.startsWith('sqlite:') || !to || !/^postgres(ql)?:\/\//.test(to)) return null;
    return { from, to, force: values.force ?? false };
  } catch {
    return null;
  }
}

/** Progress on stderr: a bar per table on a terminal, otherwise a line per batch (`users 500/5000`). */
function progressReporter(): { onProgress: NonNullable<CopyOptions['onProgress']>; stop(): void } {
  if (!process.stderr.isTTY) return { onProgress: (table, done, total) => console.error(`${table} ${done}/${total}`), stop: () => undefined };
  const bars = new cliProgress.MultiBar({ stream: process.stderr, format: '{table} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const byTable = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress(table, done, total) {
      const bar = byTable.get(table) ?? byTable.set(table, bars.create(Math.max(total, 1), 0, { table: table.padEnd(22) })).get(table)!;
      bar.update(total === 0 ? 1 : done);
    },
    stop: () => bars.stop(),
  };
}

async function main(): Promise<void> {
  loadEnvFile();
  const args = parseCommandLine(process.argv.slice(2));
  if (args === 'help' || !args) exitWithUsage(USAGE, args === 'help');
  const progress = progressReporter();
  const result = await copyDatabase({ ...args, onProgress: progress.onProgress }).finally(() => progress.stop());
  for (const table of result.tables) console.log(`${table.name.padEnd(22)} ${String(table.rows).padStart(8)} rows ${String(table.ms).padStart(7)} ms`);
  const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(`copied ${rows} rows in ${result.tables.length} tables to ${redactUrl(args.to)} in ${(result.ms / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`db:copy failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
