import type { Context } from './context.types';

/**
 * Fetches objects of one Node type by database number, in the order asked: the GraphQL object
 * (as the type's resolvers return it), or null where there is no such row or the viewer may not
 * see it. Implementations go through the request's loaders, so `nodes` costs one statement per type.
 */
export type NodeFetcher = (ctx: Context, ids: readonly number[]) => Promise<readonly (object | null)[]>;

/** Fetchers by Node type name. */
export type NodeFetchers = Readonly<Record<string, NodeFetcher>>;
