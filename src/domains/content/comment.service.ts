import type { Context } from '../../graphql/context';
import { ForbiddenError, NotFoundError } from '../../graphql/errors';
import { isStaff } from '../boards/board-rules';
import { onCommentCreated, onReplyCreated } from '../social/notification.hooks';
import { mapTagNames } from '../tags/tag.service';
import { requireViewer } from '../users/user.service';
import { assertMayChange, readablePost } from './content-access';
import { CONTENT_STATE, ENTITY_STATUS } from './content-status';
import type { CreateCommentInput, CreateReplyInput } from './content.input';
import type { CommentRow, PostRow, ReplyRow } from './content.mapper';
import { resolveAuthor } from './post.service';
import { cleanText, hashtags } from './text';

function assertOpen(ctx: Context, post: PostRow): void {
  if (post.post_status !== ENTITY_STATUS.ACTIVE) throw new ForbiddenError('This post does not take comments yet');
  const closed: number[] = [CONTENT_STATE.LOCKED, CONTENT_STATE.ARCHIVED];
  if (closed.includes(post.state) && !isStaff(ctx.viewer)) throw new ForbiddenError('This post is locked');
}

/** A comment the viewer may read (its post is readable); otherwise NOT_FOUND. */
export async function readableComment(ctx: Context, id: number): Promise<CommentRow> {
  const comment = await ctx.loaders.comment.load(id);
  if (!comment || comment.comment_status === ENTITY_STATUS.DELETED) throw new NotFoundError(`Comment ${id} does not exist`);
  await readablePost(ctx, comment.post_id).catch(() => {
    throw new NotFoundError(`Comment ${id} does not exist`);
  });
  return comment;
}

export async function readableReply(ctx: Context, id: number): Promise<ReplyRow> {
  const reply = await ctx.loaders.reply.load(id);
  if (!reply || reply.status === ENTITY_STATUS.DELETED) throw new NotFoundError(`Reply ${id} does not exist`);
  await readableComment(ctx, reply.comment_id).catch(() => {
    throw new NotFoundError(`Reply ${id} does not exist`);
  });
  return reply;
}

/** Comments on a post the viewer can read and that is open; the post's count follows. */
export async function createComment(ctx: Context, input: CreateCommentInput): Promise<CommentRow> {
  const viewer = requireViewer(ctx);
  const post = await readablePost(ctx, input.postId);
  assertOpen(ctx, post);
  const authorId = await resolveAuthor(ctx, input.author);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const comment = await trx
      .insertInto('comments')
      .values({ post_id: post.id, user_id: authorId, content: input.content, clean_text: cleanText(input.content), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('posts').set((eb) => ({ comment_count: eb('comment_count', '+', 1) })).where('id', '=', post.id).execute();
    await mapTagNames(trx, 'COMMENT', comment.id, hashtags(comment.clean_text));
    await record('comment.created', { comment: [comment.id], post: [post.id], user: [authorId] }, viewer.userId);
    await onCommentCreated({ trx, record }, comment, post);
    ctx.loaders.post.clear(post.id);
    return comment;
  });
}

export async function updateComment(ctx: Context, id: number, content: string): Promise<CommentRow> {
  const current = await readableComment(ctx, id);
  assertMayChange(ctx, current.user_id, 'comments');
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const now = new Date().toISOString();
    const comment = await trx
      .updateTable('comments')
      .set({ content, clean_text: cleanText(content), last_edited_at: now, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await mapTagNames(trx, 'COMMENT', id, hashtags(comment.clean_text));
    return comment;
  });
}

/** Replies to a comment; the comment's and the post's reply counts follow. */
export async function createReply(ctx: Context, input: CreateReplyInput): Promise<ReplyRow> {
  const viewer = requireViewer(ctx);
  const comment = await readableComment(ctx, input.commentId);
  assertOpen(ctx, await readablePost(ctx, comment.post_id));
  const authorId = await resolveAuthor(ctx, input.author);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const reply = await trx
      .insertInto('replies')
      .values({ comment_id: comment.id, post_id: comment.post_id, user_id: authorId, content: input.content, clean_text: cleanText(input.content), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('comments').set((eb) => ({ reply_count: eb('reply_count', '+', 1) })).where('id', '=', comment.id).execute();
    await trx.updateTable('posts').set((eb) => ({ reply_count: eb('reply_count', '+', 1) })).where('id', '=', comment.post_id).execute();
    await mapTagNames(trx, 'REPLY', reply.id, hashtags(reply.clean_text));
    await record('reply.created', { reply: [reply.id], comment: [comment.id], post: [comment.post_id], user: [authorId] }, viewer.userId);
    await onReplyCreated({ trx, record }, reply, comment);
    ctx.loaders.post.clear(comment.post_id);
    ctx.loaders.comment.clear(comment.id);
    return reply;
  });
}

export async function updateReply(ctx: Context, id: number, content: string): Promise<ReplyRow> {
  const current = await readableReply(ctx, id);
  assertMayChange(ctx, current.user_id, 'replies');
  const now = new Date().toISOString();
  return ctx.db
    .updateTable('replies')
    .set({ content, clean_text: cleanText(content), last_edited_at: now, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a comment (its author or staff), kept as DELETED; the post's counts drop by it and its replies. */
export async function deleteComment(ctx: Context, id: number): Promise<boolean> {
  const current = await readableComment(ctx, id);
  assertMayChange(ctx, current.user_id, 'comments');
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    await trx.updateTable('comments').set({ comment_status: ENTITY_STATUS.DELETED, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await trx
      .updateTable('posts')
      .set((eb) => ({ comment_count: eb('comment_count', '-', 1), reply_count: eb('reply_count', '-', current.reply_count) }))
      .where('id', '=', current.post_id)
      .execute();
  });
  ctx.loaders.post.clear(current.post_id);
  return true;
}

/** Deletes a reply (its author or staff), kept as DELETED; the comment's and post's counts drop by one. */
export async function deleteReply(ctx: Context, id: number): Promise<boolean> {
  const current = await readableReply(ctx, id);
  assertMayChange(ctx, current.user_id, 'replies');
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    await trx.updateTable('replies').set({ status: ENTITY_STATUS.DELETED, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    await trx.updateTable('comments').set((eb) => ({ reply_count: eb('reply_count', '-', 1) })).where('id', '=', current.comment_id).execute();
    await trx.updateTable('posts').set((eb) => ({ reply_count: eb('reply_count', '-', 1) })).where('id', '=', current.post_id).execute();
  });
  ctx.loaders.post.clear(current.post_id);
  ctx.loaders.comment.clear(current.comment_id);
  return true;
}
