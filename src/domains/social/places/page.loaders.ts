import type { Database } from '../../../db/connection';
import { byId, perUserValues } from '../../../graphql/batch';
import type { PageRow } from './page.row';
import { findPagesByIds, likedPageIds, likedPagesOfUsers, ownedPagesOfUsers } from './page.repository';
import { windowedLists } from '../../../graphql/windowed-lists';

/** Per-request loaders of pages: by id, whether a user likes a page, windows of the pages a user likes or owns. */
export function createPageLoaders(db: Database) {
  return {
    page: byId<PageRow>((ids) => findPagesByIds(db, ids)),
    /** Keyed `userId:pageId`. */
    pageLiked: perUserValues<boolean>(async (userId, pageIds) => new Map((await likedPageIds(db, userId, pageIds)).map((id) => [id, true])), false),
    /** Keyed by `windowedListKey(userId, window)`. */
    likedPages: windowedLists(
      (userIds, window) => likedPagesOfUsers(db, userIds, window),
      (row) => row.for_user_id,
    ),
    /** Keyed by `windowedListKey(userId, window)`. */
    ownedPages: windowedLists(
      (userIds, window) => ownedPagesOfUsers(db, userIds, window),
      (row) => row.for_user_id,
    ),
  };
}
