import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { dialectOf } from '../src/db/dialect';

/** True when the migration runs against PostgreSQL, for the few column types and indexes that differ. */
export function isPostgres(db: Kysely<any>): boolean {
  return dialectOf(db) === 'postgres';
}

/** A floating-point column: SQLite's 8-byte REAL; on PostgreSQL `double precision` (its `real` has 4 bytes). */
export function float(db: Kysely<any>) {
  return isPostgres(db) ? 'double precision' : 'real';
}

/**
 * After rows were inserted with explicit ids: moves PostgreSQL's identity sequence past them, so
 * the next generated id does not collide (SQLite's AUTOINCREMENT follows on its own).
 */
export async function advanceIdSequence(db: Kysely<any>, table: string): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

/**
 * Adds an auto-incrementing integer primary key named `id`. SQLite gets AUTOINCREMENT so ids are
 * never reused (legacy clients cache them); PostgreSQL gets an identity column.
 */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return isPostgres(db) ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Timestamps are ISO-8601 UTC text written by the services (no database-side defaults), so they
 * sort as text and read the same on every dialect.
 */
export const TIMESTAMP = 'text';

/** A 0/1 flag stored as an integer: portable across SQLite and PostgreSQL drivers. */
export function flag(defaultValue: 0 | 1) {
  return (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(defaultValue);
}

export function counter(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return c.notNull().defaultTo(0);
}
