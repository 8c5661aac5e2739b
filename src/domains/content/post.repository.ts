import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, Posts } from '../../db/schema';
import { type Columns, selectColumns } from '../../db/columns';
import { applyWindow, type Window } from '../../db/keyset';
import { ENTITY_STATUS } from './content-status';
import type { PostRow, UserCounts } from './content.row';

type Db = Kysely<DB>;

/** Posts by id: their `columns` (every column unless named). */
export function findPostsByIds(db: Db, ids: readonly number[], columns: Columns = null): Promise<PostRow[]> {
  return selectColumns(db.selectFrom('posts'), 'posts', columns).where('id', 'in', ids).execute();
}

/** The pinned posts of these boards (id and board), in pin order. */
export function findPinnedPostsOfBoards(db: Db, boardIds: readonly number[]): Promise<{ id: number; board_id: number | null }[]> {
  return db.selectFrom('posts').select(['id', 'board_id']).where('board_id', 'in', boardIds).where('pinned_at', 'is not', null).orderBy('pinned_at').execute();
}

/** How many posts of a board have the status, and when the last of them was written. */
export async function countBoardPosts(db: Db, boardId: number, status: number): Promise<{ count: number; last: string | null }> {
  const stats = await db
    .selectFrom('posts')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('last')])
    .where('board_id', '=', boardId)
    .where('post_status', '=', status)
    .executeTakeFirstOrThrow();
  return { count: Number(stats.n), last: stats.last ?? null };
}

/** Post, comment and reply counts for many users in three grouped queries. */
export async function countContentByUsers(db: Db, ids: readonly number[]): Promise<UserCounts[]> {
  const [posts, comments, replies] = await Promise.all(
    (['posts', 'comments', 'replies'] as const).map((table) =>
      db
        .selectFrom(table)
        .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('user_id', 'in', ids)
        .groupBy('user_id')
        .execute(),
    ),
  );
  const count = (rows: { user_id: number; n: number }[], id: number) => Number(rows.find((r) => r.user_id === id)?.n ?? 0);
  return ids.map((id) => ({ posts: count(posts, id), comments: count(comments, id), replies: count(replies, id) }));
}

export function insertPostRow(db: Db, values: Insertable<Posts>): Promise<PostRow> {
  return db.insertInto('posts').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePostRow(db: Db, id: number, values: Updateable<Posts>): Promise<PostRow> {
  return db.updateTable('posts').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks a post DELETED and unpins it (the row stays, so counts and links stay sound). */
export async function markPostDeleted(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('posts').set({ post_status: ENTITY_STATUS.DELETED, pinned_at: null, updated_at: now }).where('id', '=', id).execute();
}

/** Counts one more view of a post. */
export function incrementPostViews(db: Db, id: number): Promise<PostRow> {
  return db
    .updateTable('posts')
    .set((eb) => ({ view_count: eb('view_count', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds to (`+`) or takes from (`-`) a post's comment and reply counts, those given, in one statement. */
export async function adjustPostCounts(db: Db, id: number, op: '+' | '-', counts: { comments?: number; replies?: number }): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({
      ...(counts.comments !== undefined ? { comment_count: eb('comment_count', op, counts.comments) } : {}),
      ...(counts.replies !== undefined ? { reply_count: eb('reply_count', op, counts.replies) } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

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
export function listPosts(db: Db, q: PostListQuery): Promise<PostRow[]> {
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
export function listFeed(db: Db, userId: number, window: Window, columns: Columns = null): Promise<PostRow[]> {
  const query = selectColumns(db.selectFrom('posts'), 'posts', columns)
    .where('board_id', 'is', null)
    .where('post_status', '=', 15)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('user_id', 'in', eb.selectFrom('follows').select('following_id').where('follower_id', '=', userId).where('status', '=', 'accepted'))]));
  return applyWindow(query, ['id'], 'desc', window).execute();
}
