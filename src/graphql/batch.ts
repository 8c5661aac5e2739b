import DataLoader from 'dataloader';
import { RequestAbortedError } from './errors';

let batching = true;

/**
 * Turns batching of every request loader on or off for the process. Off, each `load` is its own
 * statement (the N+1 shape); the benchmark measures what batching saves. On by default.
 */
export function setLoaderBatching(enabled: boolean): void {
  batching = enabled;
}

/**
 * A per-request DataLoader that follows the process's batching switch; every loader is one. Once
 * its `signal` fires (the request timed out or its client left) it starts no more batches.
 */
export class RequestLoader<K, V, C = K> extends DataLoader<K, V, C> {
  signal: AbortSignal | null = null;

  constructor(batchLoad: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>) {
    super((keys) => {
      if (this.signal?.aborted) return Promise.reject(new RequestAbortedError());
      return batchLoad(keys);
    }, batching ? options : { ...options, batch: false });
  }
}

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
  return new RequestLoader<number, R | null>(async (ids) => byKeys(ids, await fetch(ids), (row) => row.id));
}

/** The key of a list loader: whose list and how long. */
export const listKey = (parentId: number, limit: number) => `${parentId}:${limit}`;

/**
 * A loader of the first rows under each parent, keyed `parentId:limit`: one statement per distinct
 * limit in a batch, so a list of parents with their lists costs the same statements whatever its length.
 */
export function limitedLists<R>(fetch: (parentIds: number[], limit: number) => Promise<R[]>, parentOf: (row: R) => number) {
  return new RequestLoader<string, R[]>(async (keys) => {
    const parentsByLimit = new Map<number, number[]>();
    for (const key of keys) {
      const [parentId, limit] = key.split(':').map(Number);
      parentsByLimit.set(limit, [...(parentsByLimit.get(limit) ?? []), parentId]);
    }
    const lists = new Map<string, R[]>();
    for (const [limit, parentIds] of parentsByLimit) {
      const rows = await fetch(parentIds, limit);
      grouped(parentIds, rows, parentOf).forEach((list, i) => lists.set(listKey(parentIds[i], limit), list));
    }
    return keys.map((key) => lists.get(key) ?? []);
  });
}

/** A loader of per-user lists keyed `userId:limit` (see limitedLists). */
export function perUserLists<R extends { for_user_id: number }>(fetch: (userIds: number[], limit: number) => Promise<R[]>) {
  return limitedLists(fetch, (row) => row.for_user_id);
}

/**
 * A loader of one user's relation to many items, keyed `userId:itemId`: one statement per distinct
 * user in a batch (in practice the viewer alone).
 */
export function perUserValues<V>(fetch: (userId: number, itemIds: number[]) => Promise<Map<number, V>>, missing: V) {
  return new RequestLoader<string, V>(async (keys) => {
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
