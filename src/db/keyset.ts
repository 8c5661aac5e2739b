import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';

/** A sort key's values, as a cursor carries them: one per ordering column. */
export type KeyValues = readonly (string | number)[];

/**
 * Which rows of an ordered list to read: at most `size` after the `after` key or before the
 * `before` key, skipping `offset` first. `backward` reads the rows just before `before` (or the
 * last rows), in reverse order, as `last`/`before` paging needs.
 */
export interface Window {
  size: number;
  after: KeyValues | null;
  before: KeyValues | null;
  backward: boolean;
  offset: number;
}

/** A whole list, for the few callers that need every row (the window of a legacy list with no paging). */
export const FIRST_ROWS = (size: number): Window => ({ size, after: null, before: null, backward: false, offset: 0 });

type Column = string | RawBuilder<unknown>;

const expression = (column: Column) => (typeof column === 'string' ? sql.ref(column) : column);

function compare(columns: readonly Column[], operator: '<' | '>', values: KeyValues): RawBuilder<boolean> {
  if (columns.length === 1) return sql<boolean>`${expression(columns[0])} ${sql.raw(operator)} ${values[0]}`;
  const left = sql.join(columns.map(expression));
  const right = sql.join(values.map((value) => sql`${value}`));
  return sql<boolean>`(${left}) ${sql.raw(operator)} (${right})`;
}

/**
 * Applies a window to a query ordered by `columns` (all ascending or all descending; the last one
 * unique, usually the id): keyset conditions for the cursors, the order (reversed when reading
 * backward), one row more than the window's size (so the caller knows whether there is more) and
 * the offset. Values compared are the ones `keyOf` put in the cursors.
 */
export function applyWindow<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, columns: readonly Column[], direction: 'asc' | 'desc', window: Window): SelectQueryBuilder<DB, TB, O> {
  const [past, short] = direction === 'asc' ? (['>', '<'] as const) : (['<', '>'] as const);
  let q = query;
  if (window.after) q = q.where(() => compare(columns, past, window.after!));
  if (window.before) q = q.where(() => compare(columns, short, window.before!));
  const order = window.backward ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  for (const column of columns) q = q.orderBy(expression(column) as never, order);
  q = q.limit(window.size + 1);
  return window.offset > 0 ? q.offset(window.offset) : q;
}
