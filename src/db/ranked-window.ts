import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { KeyValues, Window } from './keyset';
import type { DB } from './schema';

// One window of a list under each of many parents in one statement: the rows are ranked per parent
// with `row_number()` and the window keeps the ranks past its offset, where `applyWindow`'s limit
// cannot apply.

/**
 * The keyset conditions and row order of a window over `columns` (all `direction`, the last one
 * unique), for a `row_number() over (partition by … order by <order>)` rank that `windowOfEach`
 * then cuts to the window.
 */
export function windowParts(columns: readonly string[], direction: 'asc' | 'desc', window: Window): { conditions: RawBuilder<boolean>[]; order: RawBuilder<unknown> } {
  const [past, short] = direction === 'asc' ? (['>', '<'] as const) : (['<', '>'] as const);
  const refs = sql.join(columns.map((column) => sql.ref(column)));
  const compare = (operator: string, values: KeyValues) => sql<boolean>`(${refs}) ${sql.raw(operator)} (${sql.join(values.map((value) => sql`${value}`))})`;
  const conditions: RawBuilder<boolean>[] = [];
  if (window.after) conditions.push(compare(past, window.after));
  if (window.before) conditions.push(compare(short, window.before));
  const order = window.backward ? (direction === 'asc' ? 'desc' : 'asc') : direction;
  return { conditions, order: sql.join(columns.map((column) => sql`${sql.ref(column)} ${sql.raw(order)}`)) };
}

/** `row_number() over (partition by <parent> order by <key>)` in the window's reading order (ascending keys), as the column `rank`. */
export function rankWithin(parent: string, key: string, window: Window) {
  return sql<number>`row_number() over (partition by ${sql.ref(parent)} order by ${sql.ref(key)} ${sql.raw(window.backward ? 'desc' : 'asc')})`.as('rank');
}

/**
 * The window's rows of every parent from a query ranked by `rankWithin` (the cursors' keyset
 * conditions already applied): one more than the window's size each, past its offset, each
 * parent's rows in reading order; without the rank.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the ranked query may select from any join of tables; only its rows' type matters
export async function windowOfEach<R>(db: Kysely<DB>, ranked: SelectQueryBuilder<DB, any, R & { rank: number }>, parent: string, window: Window): Promise<R[]> {
  const rows = await (db as unknown as Kysely<{ ranked: R & { rank: number } }>)
    .selectFrom(ranked.as('ranked') as never)
    .selectAll()
    .where(sql.ref('rank'), '>', window.offset)
    .where(sql.ref('rank'), '<=', window.offset + window.size + 1)
    .orderBy(sql.ref(parent))
    .orderBy(sql.ref('rank'))
    .execute();
  return (rows as (R & { rank: number })[]).map(({ rank: _rank, ...row }) => row as R);
}
