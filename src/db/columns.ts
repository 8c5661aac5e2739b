import type { Selectable, SelectQueryBuilder } from 'kysely';

/**
 * The row columns to read: a sorted list of names, or `null` for every column (`select *`).
 * Sorted, so one set of columns is always one SQL text (and one prepared statement).
 */
export type Columns = readonly string[] | null;

/** Every column named by two sets, sorted; `null` (every column) wins. */
export function unionColumns(a: Columns, b: Columns): Columns {
  if (a === null || b === null) return null;
  if (a === b) return a;
  return [...new Set([...a, ...b])].sort();
}

/** Every column the keys of a batch want, together. */
export function columnsOfKeys(keys: readonly { columns: Columns }[]): Columns {
  return keys.reduce<Columns>((all, key) => unionColumns(all, key.columns), keys[0].columns);
}

/** Whether `wanted` needs nothing `held` lacks. */
export function coversColumns(held: Columns, wanted: Columns): boolean {
  if (held === null) return true;
  if (wanted === null) return false;
  return wanted.every((column) => held.includes(column));
}

/**
 * Selects `columns` of `table` (every column for `null`). The rows are typed whole: the caller
 * reads only what it asked for (src/graphql/projection.ts decides what that is).
 */
export function selectColumns<DB, TB extends keyof DB & string, O>(query: SelectQueryBuilder<DB, TB, O>, table: TB, columns: Columns): SelectQueryBuilder<DB, TB, O & Selectable<DB[TB]>> {
  if (columns === null) return query.selectAll(table as never) as never;
  return query.select(columns.map((column) => `${table}.${column}`) as never) as never;
}
