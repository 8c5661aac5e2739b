import type { Database } from '../db/connection';
import { createChatLoaders } from '../domains/chats/chat.loaders';
import { createContentLoaders } from '../domains/content/content.loaders';
import type { UserCounts } from '../domains/content/content.row';
import { countContentByUsers } from '../domains/content/post.repository';
import { createContactLoaders } from '../domains/marketing/contact.loaders';
import { createFlowLoaders } from '../domains/marketing/flow.loaders';
import { createSubscriberLoaders } from '../domains/marketing/subscriber.loaders';
import { createListingLoaders } from '../domains/social/listings/listing.loaders';
import { createFollowLoaders } from '../domains/social/graph/follow.loaders';
import { createGraphNodeLoaders } from '../domains/social/graph/graph.loaders';
import { createGroupLoaders } from '../domains/social/places/group.loaders';
import { createPageLoaders } from '../domains/social/places/page.loaders';
import { createDeliveryLogLoaders } from '../domains/webhooks/delivery-log.loaders';
import { findUsersByIds } from '../domains/users/user.repository';
import type { RoleRow, UserRow } from '../domains/users/user.row';
import { findRolesByIds } from '../domains/users/role.repository';
import { findPackagesByIds } from '../domains/marketing/package.repository';
import type { PackageRow } from '../domains/marketing/package.row';
import { RequestLoader, RowLoader, byId } from './batch';

/** Per-request loaders: every relation a list can reach goes through one, so SQL per request stays constant. */
export function createLoaders(db: Database) {
  return {
    user: new RowLoader<UserRow>((ids, columns) => findUsersByIds(db, ids, columns)),
    role: byId<RoleRow>((ids) => findRolesByIds(db, ids)),
    package: byId<PackageRow>((ids) => findPackagesByIds(db, ids)),
    userCounts: new RequestLoader<number, UserCounts>((ids) => countContentByUsers(db, ids)),
    ...createContentLoaders(db),
    ...createChatLoaders(db),
    ...createFollowLoaders(db),
    ...createGraphNodeLoaders(db),
    ...createPageLoaders(db),
    ...createGroupLoaders(db),
    ...createListingLoaders(db),
    ...createSubscriberLoaders(db),
    ...createFlowLoaders(db),
    ...createContactLoaders(db),
    ...createDeliveryLogLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
