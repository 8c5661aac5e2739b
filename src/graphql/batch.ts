import DataLoader from 'dataloader';

/** Orders batch results by the keys asked for: `null` where a key has no row. */
export function byKeys<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups batch results under the keys asked for: an empty list where a key has no rows. */
export function grouped<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** A loader of rows by id, from one `IN` query per batch. */
export function byId<R extends { id: number }>(fetch: (ids: readonly number[]) => Promise<R[]>) {
  return new DataLoader<number, R | null>(async (ids) => byKeys(ids, await fetch(ids), (row) => row.id));
}
