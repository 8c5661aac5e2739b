import { listKey } from '../../graphql/batch';
import type { Context } from '../../graphql/context';
import { type Connection, type ConnectionArgs, toConnection, windowOf } from '../../graphql/paging';
import { applyWindow } from '../../db/keyset';
import { ENTITY_STATUS } from './content-status';
import { NESTED_LIMIT } from './content.loaders';
import { type CommentRow, type ReplyRow, toComment, toReply } from './content.mapper';
import type { Comment, Reply } from './content.type';

/** Where each kind's children live: table, parent and status columns, the first-page loader, the mapper. */
const LISTS = {
  comments: { parent: 'post_id', status: 'comment_status', loader: 'commentsByPost', map: toComment },
  replies: { parent: 'comment_id', status: 'status', loader: 'repliesByComment', map: toReply },
} as const;

/**
 * A page of a parent's active children, oldest first (keyset on id). The first page comes through
 * the request's loader, so a list of posts with their first comments costs the same statements
 * whatever its length; a page after (or before) a cursor is read for its parent alone.
 */
async function childrenOf<R extends { id: number }, T>(ctx: Context, table: keyof typeof LISTS, parentId: number, args: ConnectionArgs): Promise<Connection<T>> {
  const list = LISTS[table];
  const window = windowOf(args, ['number'], NESTED_LIMIT);
  const paging = window.after || window.before || window.backward || window.offset > 0;
  const rows = paging
    ? await applyWindow(ctx.db.selectFrom(table as 'comments').selectAll().where(list.parent as 'post_id', '=', parentId).where(list.status as 'comment_status', '=', ENTITY_STATUS.ACTIVE), ['id'], 'asc', window).execute()
    : await ctx.loaders[list.loader].load(listKey(parentId, window.size + 1));
  return toConnection(rows as unknown as R[], window, (row) => [row.id], list.map as unknown as (row: R) => T);
}

/** A page of a post's active comments, oldest first. */
export const commentsOf = (ctx: Context, postId: number, args: ConnectionArgs) => childrenOf<CommentRow, Comment>(ctx, 'comments', postId, args);

/** A page of a comment's active replies, oldest first. */
export const repliesOf = (ctx: Context, commentId: number, args: ConnectionArgs) => childrenOf<ReplyRow, Reply>(ctx, 'replies', commentId, args);
