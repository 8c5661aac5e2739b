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

/** The key of a per-user list loader: whose list and how long. */
export const listKey = (userId: number, limit: number) => `${userId}:${limit}`;

/**
 * A loader of per-user lists keyed `userId:limit`: one statement per distinct limit in a batch, so a
 * list of users with their lists costs the same statements whatever its length.
 */
export function perUserLists<R extends { for_user_id: number }>(fetch: (userIds: number[], limit: number) => Promise<R[]>) {
  return new DataLoader<string, R[]>(async (keys) => {
    const usersByLimit = new Map<number, number[]>();
    for (const key of keys) {
      const [userId, limit] = key.split(':').map(Number);
      usersByLimit.set(limit, [...(usersByLimit.get(limit) ?? []), userId]);
    }
    const lists = new Map<string, R[]>();
    for (const [limit, userIds] of usersByLimit) {
      const rows = await fetch(userIds, limit);
      grouped(userIds, rows, (row) => row.for_user_id).forEach((list, i) => lists.set(listKey(userIds[i], limit), list));
    }
    return keys.map((key) => lists.get(key) ?? []);
  });
}

/**
 * A loader of one user's relation to many items, keyed `userId:itemId`: one statement per distinct
 * user in a batch (in practice the viewer alone).
 */
export function perUserValues<V>(fetch: (userId: number, itemIds: number[]) => Promise<Map<number, V>>, missing: V) {
  return new DataLoader<string, V>(async (keys) => {
    const itemsByUser = new Map<number, number[]>();
    for (const key of keys) {
      const [userId, itemId] = key.split(':').map(Number);
      itemsByUser.set(userId, [...(itemsByUser.get(userId) ?? []), itemId]);
    }
    const found = new Map<string, V>();
    for (const [userId, itemIds] of itemsByUser) {
      for (const [itemId, value] of await fetch(userId, itemIds)) found.set(`${userId}:${itemId}`, value);
    }
    return keys.map((key) => (found.has(key) ? found.get(key)! : missing));
  });
}
