import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/** True when the migration runs against PostgreSQL; used only to pick the id column type. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Adds an auto-incrementing integer primary key named `id`. SQLite gets AUTOINCREMENT so ids are
 * never reused (legacy clients cache them); PostgreSQL gets an identity column.
 */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
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
