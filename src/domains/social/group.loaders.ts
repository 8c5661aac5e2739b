import type { Database } from '../../db/connection';
import { byId, perUserLists, perUserValues } from '../../graphql/batch';
import type { GroupRow } from './group.mapper';
import { findGroupsByIds, memberGroupsOfUsers, membershipsOf, ownedGroupsOfUsers } from './group.repository';

/** Per-request loaders of groups: by id, a user's membership status, groups a user is in or owns. */
export function createGroupLoaders(db: Database) {
  return {
    group: byId<GroupRow>((ids) => findGroupsByIds(db, ids)),
    /** Keyed `userId:groupId`: the membership status, or null. */
    groupMembership: perUserValues<string | null>((userId, groupIds) => membershipsOf(db, userId, groupIds), null),
    /** Keyed `userId:limit`. */
    memberGroups: perUserLists((userIds, limit) => memberGroupsOfUsers(db, userIds, limit)),
    /** Keyed `userId:limit`. */
    ownedGroups: perUserLists((userIds, limit) => ownedGroupsOfUsers(db, userIds, limit)),
  };
}
