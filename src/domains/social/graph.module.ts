import type { Database } from '../../db/connection';
import { ActivityResolver } from './activity.resolver';
import { BlockResolver } from './block.resolver';
import { DiscoveryResolver, ViewerLocationResolver } from './discovery.resolver';
import { createFollowLoaders } from './follow.loaders';
import { createGraphNodeLoaders } from './graph.loaders';
import { FollowResolver } from './follow.resolver';
import { NotificationResolver } from './notification.resolver';

/** The social graph part: follows, blocks, notifications, activities and people discovery (nearby users, suggestions). Its resolvers, for the schema build. */
export const graphResolvers: Function[] = [FollowResolver, BlockResolver, NotificationResolver, ActivityResolver, DiscoveryResolver, ViewerLocationResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createGraphLoaders(db: Database) {
  return { ...createFollowLoaders(db), ...createGraphNodeLoaders(db) };
}
