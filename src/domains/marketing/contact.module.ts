import type { Database } from '../../db/connection';

/** The marketing contact part: contact groups and contacts. Its resolvers, for the schema build. */
export const contactResolvers: Function[] = [];

/** Its per-request loaders, merged into every request's loaders. */
export function createContactLoaders(_db: Database) {
  return {};
}
