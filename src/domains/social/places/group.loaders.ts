import type { Database } from '../../../db/connection';
import { byId, perUserValues } from '../../../graphql/batch';
import { windowedLists } from '../../../graphql/windowed-lists';
import type { GroupRow } from './group.row';
import { findGroupsByIds, memberGroupsOfUsers, membershipsOf, ownedGroupsOfUsers } from './group.repository';

/** Per-request loaders of groups: by id, a user's membership status, windows of the groups a user is in or owns. */
export function createGroupLoaders(db: Database) {
  return {
    group: byId<GroupRow>((ids) => findGroupsByIds(db, ids)),
    /** Keyed `userId:groupId`: the membership status, or null. */
    groupMembership: perUserValues<string | null>((userId, groupIds) => membershipsOf(db, userId, groupIds), null),
    /** Keyed by `windowedListKey(userId, window)`. */
    memberGroups: windowedLists(
      (userIds, window) => memberGroupsOfUsers(db, userIds, window),
      (row) => row.for_user_id,
    ),
    /** Keyed by `windowedListKey(userId, window)`. */
    ownedGroups: windowedLists(
      (userIds, window) => ownedGroupsOfUsers(db, userIds, window),
      (row) => row.for_user_id,
    ),
  };
}
