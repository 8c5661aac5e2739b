import type { Database } from '../../db/connection';

/** The social graph part: follows, blocks, notifications, activities and people discovery (nearby users, suggestions). Its resolvers, for the schema build. */
export const graphResolvers: Function[] = [];

/** Its per-request loaders, merged into every request's loaders. */
export function createGraphLoaders(_db: Database) {
  return {};
}
