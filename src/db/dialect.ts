import { type Kysely, PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * A database handle whatever its schema: for the migrations, the migrator and whole-database tools,
 * which name tables as text and may run before the latest schema (the one `DB` describes) exists.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely's way to say "no schema types" (its migrations take Kysely<any>)
export type AnyDatabase = Kysely<any>;

/** Which SQL dialect a database (or a transaction on it) speaks; repositories branch on it where SQL differs. */
export function dialectOf(db: AnyDatabase): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
