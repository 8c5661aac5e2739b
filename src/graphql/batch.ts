import DataLoader from 'dataloader';
import { RequestAbortedError } from '../errors';
import { type Columns, columnsOfKeys, coversColumns, unionColumns } from '../db/columns';

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
 * its `signal` fires (the request timed out or its client left) it starts no more batches. What
 * its batches read can be taken synchronously with `peek`, so a resolver whose data was loaded
 * ahead (look-ahead) returns without a promise.
 */
export class RequestLoader<K, V, C = K> extends DataLoader<K, V, C> {
  signal: AbortSignal | null = null;
  private readonly settled = new Map<C, V>();
  private readonly cacheKeyOf: (key: K) => C;

  constructor(batchLoad: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>) {
    const remember = options?.cache !== false;
    super(
      (keys) => {
        if (this.signal?.aborted) return Promise.reject(new RequestAbortedError());
        const values = batchLoad(keys);
        if (!remember) return values;
        return Promise.resolve(values).then((read) => {
          for (let i = 0; i < keys.length; i++) if (!(read[i] instanceof Error)) this.settled.set(this.cacheKeyOf(keys[i]), read[i] as V);
          return read;
        });
      },
      batching ? options : { ...options, batch: false },
    );
    this.cacheKeyOf = options?.cacheKeyFn ?? ((key: K) => key as unknown as C);
  }

  /** The value a batch of this request already read for `key`; undefined when none has yet. */
  peek(key: K): V | undefined {
    return this.settled.get(this.cacheKeyOf(key));
  }

  /** The value now when a batch already read it (see `peek`), else its load. */
  read(key: K): V | Promise<V> {
    const value = this.peek(key);
    return value !== undefined ? value : this.load(key);
  }

  override clear(key: K): this {
    this.settled.delete(this.cacheKeyOf(key));
    return super.clear(key);
  }

  override clearAll(): this {
    this.settled.clear();
    return super.clearAll();
  }
}

/** `map` applied to a value that may still be loading: at once when it is there (see `read`). */
export function mapLoaded<T, U>(value: T | Promise<T>, map: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(map) : map(value);
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

interface RowKey {
  id: number;
  columns: Columns;
}

/**
 * A loader of rows by id that reads only the columns asked for (see src/graphql/projection.ts):
 * one `IN` query per batch selecting what every load of the batch needs together. A row already
 * read with enough columns is answered from the request's cache; one read with fewer is read
 * again (with the columns held and wanted). `load(id)` without columns reads the whole row.
 */
export class RowLoader<R extends { id: number }> {
  private readonly held = new Map<number, { key: RowKey; row: Promise<R | null>; read?: { value: R | null } }>();
  private readonly batch: RequestLoader<RowKey, R | null, null>;

  constructor(fetch: (ids: readonly number[], columns: Columns) => Promise<R[]>) {
    this.batch = new RequestLoader(
      async (keys) => {
        const ids = [...new Set(keys.map((key) => key.id))];
        const columns = columnsOfKeys(keys);
        const rows = byKeys(ids, await fetch(ids, columns === null || columns.includes('id') ? columns : ['id', ...columns]), (row) => row.id);
        const byId = new Map(ids.map((id, i) => [id, rows[i]]));
        for (const key of keys) {
          const entry = this.held.get(key.id);
          if (entry?.key === key) entry.read = { value: byId.get(key.id) ?? null };
        }
        return keys.map((key) => byId.get(key.id) ?? null);
      },
      { cache: false },
    );
  }

  /** Stops new batches once the request's signal fires (src/graphql/abort.ts). */
  set signal(signal: AbortSignal | null) {
    this.batch.signal = signal;
  }

  load(id: number, columns: Columns = null): Promise<R | null> {
    const entry = this.held.get(id);
    if (entry && coversColumns(entry.key.columns, columns)) return entry.row;
    const key = { id, columns: entry ? unionColumns(entry.key.columns, columns) : columns };
    const row = this.batch.load(key);
    const held = { key, row };
    this.held.set(id, held);
    row.catch(() => {
      if (this.held.get(id) === held) this.held.delete(id);
    });
    return row;
  }

  /** The row already read with (at least) `columns`; undefined when it has not been read yet. */
  peek(id: number, columns: Columns = null): R | null | undefined {
    const entry = this.held.get(id);
    return entry?.read && coversColumns(entry.key.columns, columns) ? entry.read.value : undefined;
  }

  /** The row now when it was read already with (at least) `columns`, else its load. */
  read(id: number, columns: Columns = null): R | null | Promise<R | null> {
    const row = this.peek(id, columns);
    return row !== undefined ? row : this.load(id, columns);
  }

  /** Like DataLoader's: every row, or the Error its load failed with. */
  loadMany(ids: readonly number[], columns: Columns = null): Promise<(R | null | Error)[]> {
    return Promise.all(ids.map((id) => this.load(id, columns).catch((error: Error) => error)));
  }

  /** Keeps a row read elsewhere (with the columns it has) unless one is held already. */
  prime(id: number, row: R, columns: Columns = null): this {
    if (!this.held.has(id)) this.held.set(id, { key: { id, columns }, row: Promise.resolve(row), read: { value: row } });
    return this;
  }

  clear(id: number): this {
    this.held.delete(id);
    return this;
  }
}

/** The key of a list loader: whose list, how long, and which columns of its rows (see RowLoader). */
export interface ListKey {
  parentId: number;
  limit: number;
  columns: Columns;
}

/** One string per column set, made once per set (column sets from src/graphql/projection.ts are shared arrays): for cache keys. */
const columnNames = new WeakMap<readonly string[], string>();
export function columnsName(columns: Columns): string {
  if (columns === null) return '*';
  let name = columnNames.get(columns);
  if (name === undefined) columnNames.set(columns, (name = columns.join(',')));
  return name;
}

/**
 * A loader of the first rows under each parent: one statement per distinct limit in a batch
 * (reading the columns every key of that limit needs), so a list of parents with their lists costs
 * the same statements whatever its length.
 */
export function limitedLists<R>(fetch: (parentIds: number[], limit: number, columns: Columns) => Promise<R[]>, parentOf: (row: R) => number) {
  return new ProjectedLoader<ListKey, R[]>(
    async (keys) => {
      const byLimit = new Map<number, { parentIds: Set<number>; columns: Columns; lists?: Map<number, R[]> }>();
      for (const { parentId, limit, columns } of keys) {
        const group = byLimit.get(limit);
        if (group) {
          group.parentIds.add(parentId);
          group.columns = unionColumns(group.columns, columns);
        } else byLimit.set(limit, { parentIds: new Set([parentId]), columns });
      }
      for (const [limit, group] of byLimit) {
        const parentIds = [...group.parentIds];
        const lists = grouped(parentIds, await fetch(parentIds, limit, group.columns), parentOf);
        group.lists = new Map(parentIds.map((parentId, i) => [parentId, lists[i]]));
      }
      return keys.map((key) => byLimit.get(key.limit)!.lists!.get(key.parentId) ?? []);
    },
    (key) => `${key.parentId}:${key.limit}`,
  );
}

/**
 * A request loader whose keys name the columns to read: `peek` (and so `read`) also answers a key
 * from a value read for the same `base` key with more columns, as when a look-ahead read the union
 * of every alias's columns (each alias then answers from it without a statement of its own).
 */
export class ProjectedLoader<K extends { columns: Columns }, V> extends RequestLoader<K, V, string> {
  /** Per base key, the value read with the most columns. */
  private readonly widest = new Map<string, { columns: Columns; value: V }>();

  constructor(
    batchLoad: DataLoader.BatchLoadFn<K, V>,
    private readonly base: (key: K) => string,
  ) {
    super(
      async (keys) => {
        const values = await batchLoad(keys);
        keys.forEach((key, i) => {
          const held = this.widest.get(base(key));
          if (!(values[i] instanceof Error) && (!held || coversColumns(key.columns, held.columns))) this.widest.set(base(key), { columns: key.columns, value: values[i] });
        });
        return values;
      },
      { cacheKeyFn: (key) => `${base(key)}:${columnsName(key.columns)}` },
    );
  }

  override peek(key: K): V | undefined {
    const exact = super.peek(key);
    if (exact !== undefined) return exact;
    const held = this.widest.get(this.base(key));
    return held && coversColumns(held.columns, key.columns) ? held.value : undefined;
  }

  override clear(key: K): this {
    this.widest.delete(this.base(key));
    return super.clear(key);
  }

  override clearAll(): this {
    this.widest.clear();
    return super.clearAll();
  }
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
