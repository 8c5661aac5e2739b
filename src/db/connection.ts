import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type Dialect, Kysely, sql, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { attributeBackgroundWork } from '../background';
import { redactUrl } from '../config';
import { trace } from '@opentelemetry/api';
import { endSpan, SpanKind, startSpan, tracingEnabled } from '../tracing';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector';
import type { AnyDatabase } from './dialect';
import { InListBucketsPlugin } from './in-list-buckets';
import type { DB } from './schema';

export type Database = Kysely<DB>;

/** Resolves when the database answers a trivial query (the health check's probe); rejects when it does not. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}

/** What statements run, counted by kind (select, insert, update, delete, other). */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'other';

/** The database's running figures, read by /metrics at scrape time. */
export interface DatabaseStats {
  /** Statements run since the database opened, by kind and outcome, with their total seconds. */
  statements: Map<string, { kind: StatementKind; outcome: 'ok' | 'error'; count: number; seconds: number }>;
  /** PostgreSQL: the pool's connections (total, idle, waiting clients); null on SQLite. */
  pool(): { total: number; idle: number; waiting: number } | null;
  /** SQLite: prepared statements kept; null on PostgreSQL. */
  statementCacheSize(): number | null;
}

const statsOf = new WeakMap<AnyDatabase, DatabaseStats>();

/** The figures of a database opened by openDatabase (undefined for any other Kysely). */
export function databaseStats(db: AnyDatabase): DatabaseStats | undefined {
  return statsOf.get(db);
}

const KIND_OF_NODE: Record<string, StatementKind> = { SelectQueryNode: 'select', InsertQueryNode: 'insert', UpdateQueryNode: 'update', DeleteQueryNode: 'delete' };

/** A statement's kind from its query node, or for raw SQL from its first word. */
function statementKind(node: { kind: string }, text: string): StatementKind {
  const known = KIND_OF_NODE[node.kind];
  if (known) return known;
  const word = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
  return word === 'select' || word === 'insert' || word === 'update' || word === 'delete' ? word : 'other';
}

/**
 * A client span for a statement that just ran, a child of the active span (the operation or the
 * request that ran it): its kind and the database system, never its text or parameters. Statements
 * outside any span (start-up, background sweeps) make none, so polling does not flood the traces.
 */
function traceStatement(kind: StatementKind, system: 'sqlite' | 'postgresql', durationMs: number, error: unknown): void {
  const span = startSpan(kind, { 'db.system': system, 'db.system.name': system, 'db.operation.name': kind }, SpanKind.CLIENT, Date.now() - durationMs);
  endSpan(span, error === undefined ? undefined : error instanceof Error ? error.name : 'error');
}

/** The opened database and the way to close it. */
export interface DatabaseHandle {
  db: Database;
  dialect: 'sqlite' | 'postgres';
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

/** Statements kept prepared, at most. */
const STATEMENT_CACHE_SIZE = 1000;
/**
 * The SQL text the kept statements may add up to. A statement's prepared program grows with its
 * text (about 200 bytes a parameter: 5 MB for a 30,000-item IN list), so this bounds their memory.
 */
const STATEMENT_CACHE_SQL_LENGTH = 1024 * 1024;
/** SQL longer than this is prepared for its one use and not kept. */
const MAX_CACHED_SQL_LENGTH = 8 * 1024;

/**
 * Wraps better-sqlite3 so each SQL text is prepared once and reused. Kysely asks for a statement
 * per query; preparing is a large share of a small query's cost. The cache keeps the statements used
 * last, bounded in number and in SQL length; InListBucketsPlugin makes IN lists of any length share
 * a few entries.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, cache: Map<string, SqliteDatabase.Statement>): KyselySqliteDatabase {
  let cachedLength = 0;
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement !== undefined) {
        cache.delete(sql); // to the end: the least recently used come first
        cache.set(sql, statement);
      } else {
        statement = sqlite.prepare(sql);
        if (sql.length <= MAX_CACHED_SQL_LENGTH) {
          cache.set(sql, statement);
          cachedLength += sql.length;
          for (const oldest of cache.keys()) {
            if (cache.size <= STATEMENT_CACHE_SIZE && cachedLength <= STATEMENT_CACHE_SQL_LENGTH) break;
            cache.delete(oldest);
            cachedLength -= oldest.length;
          }
        }
      }
      return statement;
    },
  };
}

/** Opens a SQLite file (created with its folder when missing) or `:memory:` with the gateway's pragmas. */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

export interface OpenOptions {
  /** Called with the SQL of every statement run; tests count statements with it. */
  onQuery?: (sql: string) => void;
  /** For tests: the SQLite statement cache, to see its entries. */
  statementCache?: Map<string, SqliteDatabase.Statement>;
  /** PostgreSQL connections kept at most (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** An idle PostgreSQL connection failed (the server restarted, say); the pool replaces it. */
  onPoolError?: (error: Error) => void;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/**
 * PostgreSQL values read as SQLite's do: counts and sums (int8) and numerics as numbers rather than
 * strings, and the booleans of expressions (`exists`, comparisons) as 1 and 0, as every stored flag is.
 */
function sqliteLikeTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
      if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- pg types the parsers it looks up as returning any
      return types.getTypeParser(oid, format);
    },
  };
}

/**
 * A PostgreSQL pool for a `postgres://` URL; connections open on first use. `pg` loads only here,
 * so the SQLite default never pays its start-up time and memory.
 */
function postgresDialect(url: string, options: OpenOptions, opened: (pool: pg.Pool) => void): Dialect {
  const { Pool, types } = require('pg') as typeof pg;
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10, types: sqliteLikeTypes(types) });
  pool.on('error', (error) => (options.onPoolError ?? ((e: Error) => console.error(`database connection failed: ${e.message}`)))(error));
  opened(pool);
  return new CurrentSchemaPostgresDialect({ pool });
}

/** Opens the database named by a `DATABASE_URL`: `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  const postgres = /^postgres(ql)?:\/\//.test(url);
  const file = /^sqlite:(.+)$/.exec(url)?.[1];
  if (!postgres && file === undefined) {
    throw new Error(`DATABASE_URL: unsupported database "${redactUrl(url)}"; use sqlite:<path>, sqlite::memory: or postgres://…`);
  }
  const { onQuery } = options;
  // Statements are observed (tests): tell background work's from requests' (src/background.ts).
  if (onQuery) attributeBackgroundWork();
  let pool: pg.Pool | null = null;
  const cache = options.statementCache ?? new Map<string, SqliteDatabase.Statement>();
  const statements: DatabaseStats['statements'] = new Map();
  const db = new Kysely<DB>({
    dialect: postgres ? postgresDialect(url, options, (opened) => (pool = opened)) : new SqliteDialect({ database: withStatementCache(openSqlite(file!), cache) }),
    // Only SQLite keeps prepared statements (PostgreSQL's are unnamed, planned per query).
    plugins: postgres ? [] : [new InListBucketsPlugin()],
    log: (event) => {
      const kind = statementKind(event.query.query, event.query.sql);
      const outcome = event.level === 'query' ? 'ok' : 'error';
      const key = `${kind} ${outcome}`;
      let counted = statements.get(key);
      if (!counted) statements.set(key, (counted = { kind, outcome, count: 0, seconds: 0 }));
      counted.count += 1;
      counted.seconds += event.queryDurationMillis / 1000;
      if (onQuery && event.level === 'query') onQuery(event.query.sql);
      if (tracingEnabled() && trace.getActiveSpan()) traceStatement(kind, postgres ? 'postgresql' : 'sqlite', event.queryDurationMillis, event.level === 'error' ? event.error : undefined);
    },
  });
  statsOf.set(db, {
    statements,
    pool: () => (pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null),
    statementCacheSize: () => (postgres ? null : cache.size),
  });
  let closed = false;
  return {
    db,
    dialect: postgres ? 'postgres' : 'sqlite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
