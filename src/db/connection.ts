import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type SqliteDatabase as KyselySqliteDatabase, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Database = Kysely<DB>;

/** The opened database and the way to close it. */
export interface DatabaseHandle {
  db: Database;
  dialect: 'sqlite' | 'postgres';
  /** Closes every connection; safe to call twice. */
  close(): Promise<void>;
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Wraps better-sqlite3 so each SQL text is prepared once and reused. Kysely asks for a statement
 * per query; preparing is a large share of a small query's cost.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement as unknown as ReturnType<KyselySqliteDatabase['prepare']>;
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
}

/** Opens the database named by a `DATABASE_URL` (`sqlite:<path>` or `sqlite::memory:`). */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  const match = /^sqlite:(.+)$/.exec(url);
  if (!match) throw new Error(`DATABASE_URL: unsupported database "${url}"; use sqlite:<path> or sqlite::memory:`);
  const sqlite = openSqlite(match[1]);
  const { onQuery } = options;
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: onQuery
      ? (event) => {
          if (event.level === 'query') onQuery(event.query.sql);
        }
      : undefined,
  });
  let closed = false;
  return {
    db,
    dialect: 'sqlite',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
