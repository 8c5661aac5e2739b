import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Window } from '../../db/keyset';
import type { DB } from '../../db/schema';
import { RequestLoader, grouped } from '../../graphql/batch';

/** The key of a windowed list loader: whose list and which window. */
export const windowedListKey = (parentId: number, window: Window) => `${parentId}:${JSON.stringify(window)}`;

/**
 * A loader of the same window of the list under each parent (a group's contacts, a label's
 * subscribers), keyed by `windowedListKey`: one statement per distinct window in a batch (usually
 * one), so parents with their lists cost the same statements whatever their number.
 */
export function windowedLists<R>(fetch: (parentIds: number[], window: Window) => Promise<R[]>, parentOf: (row: R) => number) {
  return new RequestLoader<string, R[]>(async (keys) => {
    const parentsByWindow = new Map<string, number[]>();
    for (const key of keys) {
      const colon = key.indexOf(':');
      const windowKey = key.slice(colon + 1);
      parentsByWindow.set(windowKey, [...(parentsByWindow.get(windowKey) ?? []), Number(key.slice(0, colon))]);
    }
    const lists = new Map<string, R[]>();
    for (const [windowKey, parentIds] of parentsByWindow) {
      const window = JSON.parse(windowKey) as Window;
      grouped(parentIds, await fetch(parentIds, window), parentOf).forEach((list, i) => lists.set(windowedListKey(parentIds[i], window), list));
    }
    return keys.map((key) => lists.get(key) ?? []);
  });
}

/** `row_number() over (partition by <parent> order by <key>)` in the window's reading order, as the column `rank`. */
export function rankWithin(parent: string, key: string, window: Window) {
  return sql<number>`row_number() over (partition by ${sql.ref(parent)} order by ${sql.ref(key)} ${sql.raw(window.backward ? 'desc' : 'asc')})`.as('rank');
}

/**
 * The window's rows of every parent from a query ranked by `rankWithin` (the cursors' keyset
 * conditions already applied): one more than the window's size each, past its offset, each
 * parent's rows in reading order; without the rank.
 */
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
