import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { KeyValues, Window } from '../db/keyset';
import { BadUserInputError } from '../errors';

/** The most items any connection returns in one page. */
export const MAX_FIRST = 100;

/** The page size when neither `first` nor `last` is given, unless a field names its own. */
export const DEFAULT_FIRST = 20;

/** Where a page sits in its connection (the Cursor Connections specification). */
@ObjectType({ description: 'Where a page sits in its connection.' })
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** The paging arguments every connection takes. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `The first n items after \`after\` (at most ${MAX_FIRST}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor: items after it.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `The last n items before \`before\` (at most ${MAX_FIRST}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor: items before it.' })
  before?: string | null;
}

/** Connection arguments plus `offset`, for lists whose legacy callers page by number (as PostGraphile's connections take it). */
@ArgsType()
export class OffsetConnectionArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Skips this many items first (after `after`, if given).' })
  offset?: number | null;
}

/** One item of a connection with its cursor. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page of a connection, as the resolvers return it; `totalCount` is a getter that counts only when read. */
export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount?: Promise<number> | number;
}

/**
 * The `XConnection` and `XEdge` object types of a node type. `totalCount` is in the schema only
 * where counting is cheap (`{ totalCount: true }`); the resolver passes a function that counts.
 */
export function connectionType<T extends object>(node: ClassType<T>, options: { name?: string; totalCount?: boolean; description?: string } = {}) {
  const name = options.name ?? node.name;

  @ObjectType(`${name}Edge`, { description: `A ${name} with its cursor.` })
  class EdgeType {
    @Field({ description: 'Pass it as after or before to page from this item.' }) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`, { description: options.description ?? `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => [node], { description: "The edges' nodes, for clients that need no cursors." }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }

  if (!options.totalCount) return ConnectionType as ClassType<Connection<T>>;

  @ObjectType(`${name}Connection`, { description: options.description ?? `A page of ${name} items.` })
  class CountedConnectionType extends ConnectionType {
    @Field(() => Int, { description: 'How many items the whole list holds.' })
    totalCount!: number;
  }
  return CountedConnectionType as unknown as ClassType<Connection<T>>;
}

/** An opaque cursor for a sort key. */
export function encodeCursor(key: KeyValues): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * A number a sort key may hold: every numeric ordering column is an SQL `integer` (or a value in its
 * range), and PostgreSQL refuses to compare one with a number outside it, as it refuses text with NUL.
 */
const isColumnInteger = (value: unknown): boolean => Number.isInteger(value) && Math.abs(value as number) <= 2_147_483_647;

/** The sort key in a cursor, which must hold `types` (one per ordering column); BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string, types: readonly ('number' | 'string')[], field: string): KeyValues {
  let key: unknown;
  try {
    key = cursor.length <= 512 ? JSON.parse(Buffer.from(cursor, 'base64url').toString()) : null;
  } catch {
    key = null;
  }
  const fits = Array.isArray(key) && key.length === types.length && key.every((value, i) => (types[i] === 'number' ? isColumnInteger(value) : typeof value === 'string' && !value.includes('\u0000')));
  if (!fits) throw new BadUserInputError(`${field} is not a cursor this list gave out`, field);
  return key as KeyValues;
}

function size(value: number | null | undefined, field: string): number | null {
  if (value == null) return null;
  if (value < 0 || value > MAX_FIRST) throw new BadUserInputError(`${field} must be between 0 and ${MAX_FIRST}`, field);
  return value;
}

/**
 * The window a connection's arguments ask for. `key` gives the types of the sort key the list's
 * cursors carry (`['number']` for a list ordered by id). `first` and `last` together are refused;
 * with neither, the first `defaultSize` items.
 */
export function windowOf(args: ConnectionArgs & { offset?: number | null }, key: readonly ('number' | 'string')[] = ['number'], defaultSize = DEFAULT_FIRST): Window {
  const first = size(args.first, 'first');
  const last = size(args.last, 'last');
  if (first !== null && last !== null) throw new BadUserInputError('Pass first or last, not both', 'last');
  const offset = args.offset ?? 0;
  if (offset < 0) throw new BadUserInputError('offset must not be negative', 'offset');
  return {
    size: first ?? last ?? defaultSize,
    after: args.after != null ? decodeCursor(args.after, key, 'after') : null,
    before: args.before != null ? decodeCursor(args.before, key, 'before') : null,
    backward: last !== null,
    offset,
  };
}

/**
 * Builds the connection from the rows a windowed query returned (one more than the window's size when
 * there is more, in reverse order when reading backward). `keyOf` gives a row's sort key, `toNode`
 * the object returned; `count` counts the whole list for `totalCount`.
 */
export function toConnection<R, T>(rows: readonly R[], window: Window, keyOf: (row: R) => KeyValues, toNode: (row: R) => T, count?: () => Promise<number> | number): Connection<T> {
  const more = rows.length > window.size;
  const kept = rows.slice(0, window.size);
  if (window.backward) kept.reverse();
  const edges = kept.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  const connection: Connection<T> = {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: window.backward ? window.before !== null || window.offset > 0 : more,
      hasPreviousPage: window.backward ? more : window.after !== null || window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
  // Counted only when the field is selected: graphql reads the property, the getter runs the count.
  if (count) Object.defineProperty(connection, 'totalCount', { get: count, enumerable: true });
  return connection;
}

/**
 * A connection over a list that is already in memory (a bounded list), with cursors by position key.
 * For lists the database cannot window cheaply; `keyOf` must give keys in the list's order.
 */
export function connectionFromList<R, T>(rows: readonly R[], window: Window, keyOf: (row: R) => number, toNode: (row: R) => T, direction: 'asc' | 'desc' = 'asc'): Connection<T> {
  const past = (a: number, b: number) => (direction === 'asc' ? a > b : a < b);
  let list = rows.filter((row) => (!window.after || past(keyOf(row), window.after[0] as number)) && (!window.before || past(window.before[0] as number, keyOf(row))));
  list = window.backward ? list.slice().reverse() : list;
  list = list.slice(window.offset, window.offset + window.size + 1);
  return toConnection(
    list,
    window,
    (row) => [keyOf(row)],
    toNode,
    () => rows.length,
  );
}
