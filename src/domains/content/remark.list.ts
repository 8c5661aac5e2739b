import { mapLoaded } from '../../graphql/batch';
import type { Context } from '../../graphql/context.types';
import { type Connection, type ConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import type { Columns } from '../../db/columns';
import { NESTED_LIMIT } from './content.loaders';
import { toComment, toReply } from './content.mapper';
import type { CommentRow, ReplyRow } from './content.row';
import type { Comment, Reply } from './content.type';
import { listCommentsOfPost, listRepliesOfComment } from './remark.repository';

/** How each kind's children are read: a page after a cursor, the first-page loader, the mapper. */
const LISTS = {
  comments: { page: listCommentsOfPost, loader: 'commentsByPost', map: toComment },
  replies: { page: listRepliesOfComment, loader: 'repliesByComment', map: toReply },
} as const;

/**
 * A page of a parent's active children, oldest first (keyset on id). The first page comes through
 * the request's loader, so a list of posts with their first comments costs the same statements
 * whatever its length; a page after (or before) a cursor is read for its parent alone.
 */
function childrenOf<R extends { id: number }, T>(ctx: Context, table: keyof typeof LISTS, parentId: number, args: ConnectionArgs, columns: Columns): Connection<T> | Promise<Connection<T>> {
  const list = LISTS[table];
  const window = windowOf(args, ['number'], NESTED_LIMIT);
  const toPage = (rows: unknown[]) => toConnection(rows as R[], window, (row) => [row.id], list.map as unknown as (row: R) => T);
  if (window.after || window.before || window.backward || window.offset > 0) {
    return list.page(ctx.db, parentId, window, columns).then(toPage);
  }
  // The first page comes through the loader (read at once when a look-ahead loaded it).
  return mapLoaded(ctx.loaders[list.loader].read({ parentId, limit: window.size + 1, columns }), toPage);
}

/** A page of a post's active comments, oldest first: their `columns` (every column unless named). */
export const commentsOf = (ctx: Context, postId: number, args: ConnectionArgs, columns: Columns = null) => childrenOf<CommentRow, Comment>(ctx, 'comments', postId, args, columns);

/** A page of a comment's active replies, oldest first: their `columns` (every column unless named). */
export const repliesOf = (ctx: Context, commentId: number, args: ConnectionArgs, columns: Columns = null) => childrenOf<ReplyRow, Reply>(ctx, 'replies', commentId, args, columns);
