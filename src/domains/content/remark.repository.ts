import { type Insertable, type Kysely, sql } from 'kysely';
import { type Columns, selectColumns } from '../../db/columns';
import { applyWindow, type Window } from '../../db/keyset';
import type { Comments, DB, Replies } from '../../db/schema';
import { ENTITY_STATUS } from './content-status';
import type { CommentRow, ReplyRow } from './content.row';

/*
 * Comments and replies: the rows under a post (comments) and under a comment (replies), read and
 * written the same way at both depths.
 */

type Db = Kysely<DB>;

/** The parent and status columns of each table. */
const CHILDREN = {
  comments: { parent: 'post_id', status: 'comment_status' },
  replies: { parent: 'comment_id', status: 'status' },
} as const;

type Table = keyof typeof CHILDREN;

/** Comments by id: their `columns` (every column unless named). */
export function findCommentsByIds(db: Db, ids: readonly number[], columns: Columns = null): Promise<CommentRow[]> {
  return selectColumns(db.selectFrom('comments'), 'comments', columns).where('id', 'in', ids).execute();
}

/** Replies by id: their `columns` (every column unless named). */
export function findRepliesByIds(db: Db, ids: readonly number[], columns: Columns = null): Promise<ReplyRow[]> {
  return selectColumns(db.selectFrom('replies'), 'replies', columns).where('id', 'in', ids).execute();
}

/** The first `limit` active rows under each parent (their `columns`), in one windowed query. */
function firstChildren(db: Db, table: Table, parentIds: readonly number[], limit: number, columns: Columns): Promise<unknown[]> {
  const { parent, status } = CHILDREN[table];
  return db
    .selectFrom((eb) =>
      selectColumns(eb.selectFrom(table as 'comments'), table as 'comments', columns)
        .select(sql<number>`row_number() over (partition by ${sql.ref(parent)} order by id)`.as('rn'))
        .where(sql.ref(parent), 'in', parentIds)
        .where(sql.ref(status), '=', ENTITY_STATUS.ACTIVE)
        .as('children'),
    )
    .selectAll()
    .where('rn', '<=', limit)
    .execute();
}

/** The first `limit` active comments of each post, oldest first, in one statement. */
export async function findFirstCommentsOfPosts(db: Db, postIds: readonly number[], limit: number, columns: Columns): Promise<CommentRow[]> {
  return (await firstChildren(db, 'comments', postIds, limit, columns)) as CommentRow[];
}

/** The first `limit` active replies of each comment, oldest first, in one statement. */
export async function findFirstRepliesOfComments(db: Db, commentIds: readonly number[], limit: number, columns: Columns): Promise<ReplyRow[]> {
  return (await firstChildren(db, 'replies', commentIds, limit, columns)) as ReplyRow[];
}

/** A window of one parent's active rows, oldest first (keyset on id). */
function childrenPage(db: Db, table: Table, parentId: number, window: Window, columns: Columns): Promise<unknown[]> {
  const { parent, status } = CHILDREN[table];
  const query = selectColumns(db.selectFrom(table as 'comments'), table as 'comments', columns)
    .where(parent as 'post_id', '=', parentId)
    .where(status as 'comment_status', '=', ENTITY_STATUS.ACTIVE);
  return applyWindow(query, ['id'], 'asc', window).execute();
}

/** A window of a post's active comments, oldest first; one extra row tells whether more exist. */
export async function listCommentsOfPost(db: Db, postId: number, window: Window, columns: Columns): Promise<CommentRow[]> {
  return (await childrenPage(db, 'comments', postId, window, columns)) as CommentRow[];
}

/** A window of a comment's active replies, oldest first; one extra row tells whether more exist. */
export async function listRepliesOfComment(db: Db, commentId: number, window: Window, columns: Columns): Promise<ReplyRow[]> {
  return (await childrenPage(db, 'replies', commentId, window, columns)) as ReplyRow[];
}

export function insertComment(db: Db, values: Insertable<Comments>): Promise<CommentRow> {
  return db.insertInto('comments').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertReply(db: Db, values: Insertable<Replies>): Promise<ReplyRow> {
  return db.insertInto('replies').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Replaces a comment's or reply's text; returns the row. */
export async function updateRemarkText(db: Db, table: Table, id: number, text: { content: string; clean_text: string; last_edited_at: string; updated_at: string }): Promise<CommentRow | ReplyRow> {
  return db
    .updateTable(table as 'comments')
    .set(text)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks a comment DELETED (the row stays, so counts and links stay sound). */
export async function markCommentDeleted(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('comments').set({ comment_status: ENTITY_STATUS.DELETED, updated_at: now }).where('id', '=', id).execute();
}

/** Marks a reply DELETED (the row stays, so counts and links stay sound). */
export async function markReplyDeleted(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('replies').set({ status: ENTITY_STATUS.DELETED, updated_at: now }).where('id', '=', id).execute();
}

/** Adds one to (`+`) or takes one from (`-`) a comment's reply count. */
export async function adjustCommentReplyCount(db: Db, id: number, op: '+' | '-'): Promise<void> {
  await db
    .updateTable('comments')
    .set((eb) => ({ reply_count: eb('reply_count', op, 1) }))
    .where('id', '=', id)
    .execute();
}
