import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  PostgresDialect,
  PostgresIntrospector,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';
import type { AnyDatabase } from './dialect';

/** One column of a table; flags read as 1 and 0, as the gateway's pool reads every boolean. */
interface ColumnRow {
  table: string;
  schema: string;
  is_view: number;
  column: string;
  type: string;
  type_schema: string;
  not_null: number;
  has_default: number;
  auto_incrementing: number;
  comment: string | null;
}

/**
 * Reads the tables of the connection's current schema only. Kysely's own PostgreSQL introspector,
 * which its migrator asks whether the bookkeeping tables exist, reads every schema in the database
 * and calls functions on each one, so a schema dropped meanwhile by anyone else fails the
 * migration ("schema … does not exist"); the gateway's tables all live in the current schema.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: AnyDatabase) {}

  /** Kysely's own: the schema list reads no table, so nothing dropped meanwhile can fail it. */
  getSchemas(): Promise<SchemaMetadata[]> {
    return new PostgresIntrospector(this.db).getSchemas();
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.relname as "table", c.relkind = 'v' as is_view, ns.nspname as "schema", a.attname as "column",
        t.typname as "type", tns.nspname as type_schema, a.attnotnull as not_null, a.atthasdef as has_default,
        (a.attidentity <> '' or pg_get_serial_sequence(format('%I.%I', ns.nspname, c.relname), a.attname) is not null) as auto_incrementing,
        col_description(c.oid, a.attnum) as "comment"
      from pg_catalog.pg_namespace ns
      join pg_catalog.pg_class c on c.relnamespace = ns.oid and c.relkind in ('r', 'v', 'p')
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_catalog.pg_type t on t.oid = a.atttypid
      join pg_catalog.pg_namespace tns on tns.oid = t.typnamespace
      where ns.nspname = current_schema()
      order by c.relname, a.attnum`.execute(this.db);
    const internal = [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE];
    const tables = new Map<string, TableMetadata & { columns: TableMetadata['columns'][number][] }>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && internal.includes(row.table)) continue;
      let table = tables.get(row.table);
      if (!table) tables.set(row.table, (table = { name: row.table, schema: row.schema, isView: row.is_view === 1, columns: [] }));
      table.columns.push({
        name: row.column,
        dataType: row.type,
        dataTypeSchema: row.type_schema,
        isNullable: row.not_null === 0,
        hasDefaultValue: row.has_default === 1,
        isAutoIncrementing: row.auto_incrementing === 1,
        comment: row.comment ?? undefined,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}

/** Kysely's PostgreSQL dialect, introspecting the connection's current schema alone. */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: AnyDatabase): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
