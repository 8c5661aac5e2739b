import { type RawBuilder, sql } from 'kysely';
import { RequestLoader } from '../../../graphql/batch';
import type { KeyValues, Window } from '../../../db/keyset';

/**
 * The keyset conditions and row order of a window over `columns` (all `direction`, the last one
 * unique), for lists ranked per parent with `row_number()` (one statement for many parents), where
 * `applyWindow`'s limit cannot apply. The rank then keeps `offset < rank <= offset + size + 1`.
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

/** The ranks a windowed per-parent list keeps: past the offset, one more than the size. */
export const rankRange = (window: Window) => ({ from: window.offset + 1, to: window.offset + window.size + 1 });

/** The key of a per-parent window loader: whose list and which window. */
export const windowKey = (parentId: number, window: Window) => `${parentId}|${JSON.stringify(window)}`;

/**
 * A loader of one window of a list under each parent, keyed by `windowKey`: one statement per
 * distinct window in a batch, so a list of parents with their lists costs the same statements
 * whatever its length. Rows come back in the window's read order (as `toConnection` takes them).
 */
export function windowedLists<R>(fetch: (parentIds: number[], window: Window) => Promise<R[]>, parentOf: (row: R) => number) {
  return new RequestLoader<string, R[]>(async (keys) => {
    const parentsByWindow = new Map<string, number[]>();
    for (const key of keys) {
      const [parentId, window] = key.split('|');
      parentsByWindow.set(window, [...(parentsByWindow.get(window) ?? []), Number(parentId)]);
    }
    const lists = new Map<string, R[]>();
    for (const [json, parentIds] of parentsByWindow) {
      const window = JSON.parse(json) as Window;
      for (const id of parentIds) lists.set(windowKey(id, window), []);
      for (const row of await fetch(parentIds, window)) lists.get(windowKey(parentOf(row), window))?.push(row);
    }
    return keys.map((key) => lists.get(key) ?? []);
  });
}
