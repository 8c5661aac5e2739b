import type { Database } from '../../db/connection';
import { byId, perUserLists, perUserValues } from '../../graphql/batch';
import type { PageRow } from './page.mapper';
import { findPagesByIds, likedPageIds, likedPagesOfUsers, ownedPagesOfUsers } from './page.repository';

/** Per-request loaders of pages: by id, whether a user likes a page, pages a user likes or owns. */
export function createPageLoaders(db: Database) {
  return {
    page: byId<PageRow>((ids) => findPagesByIds(db, ids)),
    /** Keyed `userId:pageId`. */
    pageLiked: perUserValues<boolean>(async (userId, pageIds) => new Map((await likedPageIds(db, userId, pageIds)).map((id) => [id, true])), false),
    /** Keyed `userId:limit`. */
    likedPages: perUserLists((userIds, limit) => likedPagesOfUsers(db, userIds, limit)),
    /** Keyed `userId:limit`. */
    ownedPages: perUserLists((userIds, limit) => ownedPagesOfUsers(db, userIds, limit)),
  };
}
