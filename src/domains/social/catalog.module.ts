import type { Database } from '../../db/connection';

/** The social catalog part: events, products, stories, articles, albums and movies. Its resolvers, for the schema build. */
export const catalogResolvers: Function[] = [];

/** Its per-request loaders, merged into every request's loaders. */
export function createCatalogLoaders(_db: Database) {
  return {};
}
