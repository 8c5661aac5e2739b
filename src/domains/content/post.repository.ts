import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { type Columns, selectColumns } from '../../db/columns';
import { applyWindow, type Window } from '../../db/keyset';
import type { PostRow } from './content.row';

export interface PostListQuery {
  boardId: number | null;
  authorId: number | null;
  pageId: number | null;
  groupId: number | null;
  tag: string | null;
  status: number;
  /** Boards the reader may not see (private, hidden); posts outside every board are always included. */
  hiddenBoardIds: number[];
  window: Window;
  /** The columns to read (every column for null). */
  columns: Columns;
}

/** Posts newest first (keyset on id), a window of them; one extra row tells the caller whether more exist. */
export function listPosts(db: Kysely<DB>, q: PostListQuery): Promise<PostRow[]> {
  let query = selectColumns(db.selectFrom('posts'), 'posts', q.columns).where('posts.post_status', '=', q.status);
  if (q.boardId !== null) query = query.where('posts.board_id', '=', q.boardId);
  else if (q.hiddenBoardIds.length > 0) {
    // "not in" the few hidden boards, not "in" the visible ones: SQLite then walks the id index
    // newest first and stops at the page, where an OR over board ids sorted every matching post.
    const hidden = q.hiddenBoardIds;
    query = query.where((eb) => eb.or([eb('posts.board_id', 'is', null), eb('posts.board_id', 'not in', hidden)]));
  }
  if (q.authorId !== null) query = query.where('posts.user_id', '=', q.authorId);
  if (q.pageId !== null) query = query.where('posts.page_id', '=', q.pageId);
  if (q.groupId !== null) query = query.where('posts.group_id', '=', q.groupId);
  if (q.tag !== null) {
    const tag = q.tag;
    query = query.where('posts.id', 'in', (eb) =>
      eb.selectFrom('tag_mappings').innerJoin('tags', 'tags.id', 'tag_mappings.tag_id').select('tag_mappings.ref_id').where('tag_mappings.ref_type', '=', 'POST').where('tags.name', '=', tag),
    );
  }
  return applyWindow(query, ['posts.id'], 'desc', q.window).execute();
}

/** A user's timeline: their own and followed users' active timeline posts (not board posts), newest first (keyset on id), a window of them. */
export function listFeed(db: Kysely<DB>, userId: number, window: Window, columns: Columns = null): Promise<PostRow[]> {
  const query = selectColumns(db.selectFrom('posts'), 'posts', columns)
    .where('board_id', 'is', null)
    .where('post_status', '=', 15)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb('user_id', 'in', eb.selectFrom('follows').select('following_id').where('follower_id', '=', userId).where('status', '=', 'accepted')),
      ]),
    );
  return applyWindow(query, ['id'], 'desc', window).execute();
}
