import type { Database } from '../../db/connection';

/** The social place part: pages, groups and search across users, pages and groups. Its resolvers, for the schema build. */
export const placeResolvers: Function[] = [];

/** Its per-request loaders, merged into every request's loaders. */
export function createPlaceLoaders(_db: Database) {
  return {};
}
