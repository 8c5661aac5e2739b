import type { Database } from '../../db/connection';
import { createGroupLoaders } from './group.loaders';
import { GroupResolver, UserGroupsResolver } from './group.resolver';
import { createPageLoaders } from './page.loaders';
import { PageResolver, UserPagesResolver } from './page.resolver';
import { SearchResolver } from './search.resolver';

/** The social place part: pages, groups and search across users, pages and groups. Its resolvers, for the schema build. */
export const placeResolvers: Function[] = [PageResolver, UserPagesResolver, GroupResolver, UserGroupsResolver, SearchResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createPlaceLoaders(db: Database) {
  return { ...createPageLoaders(db), ...createGroupLoaders(db) };
}
