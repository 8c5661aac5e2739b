import { listKey } from '../../graphql/batch';
import type { Context } from '../../graphql/context';
import { type Connection, type ConnectionArgs, toConnection, windowOf } from '../../graphql/paging';
import { applyWindow } from '../../db/keyset';
import { ENTITY_STATUS } from './content-status';
import { NESTED_LIMIT } from './content.loaders';
import { type CommentRow, type ReplyRow, toComment, toReply } from './content.mapper';
import type { Comment, Reply } from './content.type';

/**
 * A page of a post's comments or a comment's replies, active ones oldest first (keyset on id). The
 * first page comes through the request's loader, so a list of posts with their first comments costs
 * the same statements whatever its length; a page after (or before) a cursor is read for its parent alone.
 */
export async function commentsOf(ctx: Context, postId: number, args: ConnectionArgs): Promise<Connection<Comment>> {
  const window = windowOf(args, ['number'], NESTED_LIMIT);
  const rows: CommentRow[] =
    window.after || window.before || window.backward || window.offset > 0
      ? await applyWindow(ctx.db.selectFrom('comments').selectAll().where('post_id', '=', postId).where('comment_status', '=', ENTITY_STATUS.ACTIVE), ['id'], 'asc', window).execute()
      : await ctx.loaders.commentsByPost.load(listKey(postId, window.size + 1));
  return toConnection(rows, window, (row) => [row.id], toComment);
}

/** A page of a comment's active replies, oldest first (as commentsOf). */
export async function repliesOf(ctx: Context, commentId: number, args: ConnectionArgs): Promise<Connection<Reply>> {
  const window = windowOf(args, ['number'], NESTED_LIMIT);
  const rows: ReplyRow[] =
    window.after || window.before || window.backward || window.offset > 0
      ? await applyWindow(ctx.db.selectFrom('replies').selectAll().where('comment_id', '=', commentId).where('status', '=', ENTITY_STATUS.ACTIVE), ['id'], 'asc', window).execute()
      : await ctx.loaders.repliesByComment.load(listKey(commentId, window.size + 1));
  return toConnection(rows, window, (row) => [row.id], toReply);
}
