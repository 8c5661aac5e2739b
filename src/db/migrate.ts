import { type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { type AnyDatabase, dialectOf } from './dialect';

/**
 * Brings the schema up to date; throws with the failing migration's name when one fails. On
 * PostgreSQL the migration bookkeeping lives in the connection's current schema, named outright:
 * Kysely otherwise finds another schema's bookkeeping tables and takes them for its own.
 */
export async function migrateToLatest(db: AnyDatabase): Promise<string[]> {
  const migrator = await migratorOf(db);
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- kysely types the failure as unknown: whatever was thrown, as text
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function migratorOf(db: AnyDatabase): Promise<Migrator> {
  const migrationTableSchema = dialectOf(db) === 'postgres' ? await currentSchema(db) : undefined;
  return new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
}

async function currentSchema(db: AnyDatabase): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  if (!rows[0]?.schema) throw new Error('PostgreSQL: the connection has no current schema (check search_path)');
  return rows[0].schema;
}

/** The migrations this code knows that the database has not run, by name (none: the schema is current). */
export async function pendingMigrations(db: AnyDatabase): Promise<string[]> {
  const migrator = await migratorOf(db);
  return (await migrator.getMigrations()).filter((info) => info.executedAt === undefined).map((info) => info.name);
}
