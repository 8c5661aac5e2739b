import type { Database } from '../../db/connection';

/** The marketing audience part: bot-page subscribers, labels and flow campaigns. Its resolvers, for the schema build. */
export const audienceResolvers: Function[] = [];

/** Its per-request loaders, merged into every request's loaders. */
export function createAudienceLoaders(_db: Database) {
  return {};
}
