import type { Database } from '../../db/connection';
import { type Columns, columnsOfKeys } from '../../db/columns';
import { byId, grouped, limitedLists, ProjectedLoader, RequestLoader, RowLoader } from '../../graphql/batch';
import { findAllBoards, findBoardsByIds, findMembershipsOfUsers } from '../boards/board.repository';
import type { BoardRow } from '../boards/board.row';
import { findTagsOfTargets, hiddenUses } from '../tags/tag.repository';
import type { TagRow } from '../tags/tag.row';
import type { CommentRow, PostRow, ReplyRow } from './content.row';
import { findPinnedPostsOfBoards, findPostsByIds } from './post.repository';
import { findReactionsInSlots, findReactionsOfUsers } from './reaction.repository';
import { findCommentsByIds, findFirstCommentsOfPosts, findFirstRepliesOfComments, findRepliesByIds } from './remark.repository';

/** The key of a target's tags: `TYPE:id`, and the columns of the tags to read. */
export interface TagsKey {
  ref: string;
  columns: Columns;
}

/** How many comments (or replies) a nested list shows per parent unless `first` says otherwise. */
export const NESTED_LIMIT = 20;

/** Loaders of the content domain: posts, comments, replies, boards, tags and reactions. */
export function createContentLoaders(db: Database) {
  return {
    post: new RowLoader<PostRow>((ids, columns) => findPostsByIds(db, ids, columns)),
    comment: new RowLoader<CommentRow>((ids, columns) => findCommentsByIds(db, ids, columns)),
    reply: new RowLoader<ReplyRow>((ids, columns) => findRepliesByIds(db, ids, columns)),
    board: byId<BoardRow>((ids) => findBoardsByIds(db, ids)),
    /** Every board, read once a request: the visibility rule picks the ones the viewer may not read. */
    allBoards: new RequestLoader<'all', BoardRow[]>(async (keys) => {
      const rows = await findAllBoards(db);
      return keys.map(() => rows);
    }),
    /**
     * How many of a tag's mappings are in the given hidden boards. A request has one viewer, so every
     * key of a batch names the same boards (they are in the cache key all the same).
     */
    hiddenTagUses: new RequestLoader<{ tagId: number; hiddenBoardIds: readonly number[] }, number, string>(
      async (keys) => {
        const uses = await hiddenUses(
          db,
          keys.map((key) => key.tagId),
          keys[0].hiddenBoardIds,
        );
        return keys.map((key) => uses.get(key.tagId) ?? 0);
      },
      { cacheKeyFn: (key) => `${key.hiddenBoardIds.join(',')}:${key.tagId}` },
    ),
    /** The first active comments of each post, oldest first, keyed `postId:limit`. */
    commentsByPost: limitedLists(
      (postIds, limit, columns) => findFirstCommentsOfPosts(db, postIds, limit, columns),
      (row) => row.post_id,
    ),
    /** The first active replies of each comment, oldest first, keyed `commentId:limit`. */
    repliesByComment: limitedLists(
      (commentIds, limit, columns) => findFirstRepliesOfComments(db, commentIds, limit, columns),
      (row) => row.comment_id,
    ),
    /** Tags mapped to a target (`ref` is `TYPE:id`), by name: their `columns` (every column for null). */
    tagsByRef: new ProjectedLoader<TagsKey, TagRow[]>(
      async (keys) => {
        const idsByType = new Map<string, number[]>();
        for (const [type, id] of keys.map((key) => key.ref.split(':'))) idsByType.set(type, [...(idsByType.get(type) ?? []), Number(id)]);
        const rows = await findTagsOfTargets(db, idsByType, columnsOfKeys(keys));
        return grouped(
          keys.map((key) => key.ref),
          rows,
          (row) => `${row.ref_type}:${row.ref_id}`,
        );
      },
      (key) => key.ref,
    ),
    /** Pinned post ids per board, in pin order. */
    pinnedByBoard: new RequestLoader<number, number[]>(async (boardIds) => {
      const rows = await findPinnedPostsOfBoards(db, boardIds);
      return grouped(boardIds, rows, (row) => row.board_id as number).map((group) => group.map((row) => row.id));
    }),
    /** The boards a user is a member of. */
    memberBoards: new RequestLoader<number, Set<number>>(async (userIds) => {
      const rows = await findMembershipsOfUsers(db, userIds);
      return grouped(userIds, rows, (row) => row.user_id).map((group) => new Set(group.map((row) => row.board_id)));
    }),
    /** Ids of users who reacted to a target in a slot, keyed `TYPE:id:slot`, latest first. */
    reactorIds: new RequestLoader<string, number[]>(async (keys) => {
      const refs = keys.map((key) => key.split(':')).map(([type, id, slot]) => ({ refType: type, refId: Number(id), slot: Number(slot) }));
      const rows = await findReactionsInSlots(db, refs);
      return grouped(keys, rows, (row) => `${row.ref_type}:${row.ref_id}:${row.slot}`).map((group) => group.slice(0, 100).map((row) => row.user_id));
    }),
    /** A user's reaction slot on a target, keyed `userId:TYPE:id`; null when none. */
    reactionSlot: new RequestLoader<string, number | null>(async (keys) => {
      const refs = keys.map((key) => key.split(':')).map(([user, type, id]) => ({ userId: Number(user), refType: type, refId: Number(id) }));
      const rows = await findReactionsOfUsers(db, refs);
      const slots = new Map(rows.map((row) => [`${row.user_id}:${row.ref_type}:${row.ref_id}`, row.slot]));
      return keys.map((key) => slots.get(key) ?? null);
    }),
  };
}
