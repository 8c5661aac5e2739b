import type { KeyValues, Window } from '../../db/keyset';
import { type Connection, toConnection } from '../../graphql/connection';

function compareKeys(a: KeyValues, b: KeyValues): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/**
 * A page of a short list already in memory and sorted ascending by a multi-column key (boards by
 * display order and id, a target's tags by name and id): the same keyset cursors a database window
 * gives, so paging neither skips nor repeats while items are added.
 */
export function connectionFromSortedList<R, T>(rows: readonly R[], window: Window, keyOf: (row: R) => KeyValues, toNode: (row: R) => T): Connection<T> {
  let list = rows.filter((row) => (!window.after || compareKeys(keyOf(row), window.after) > 0) && (!window.before || compareKeys(keyOf(row), window.before) < 0));
  if (window.backward) list = list.slice().reverse();
  list = list.slice(window.offset, window.offset + window.size + 1);
  return toConnection(list, window, keyOf, toNode, () => rows.length);
}
