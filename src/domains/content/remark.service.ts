import type { Context } from '../../graphql/context.types';
import { ForbiddenError, NotFoundError } from '../../errors';
import { isStaff } from '../boards/board.rules';
import { onCommentCreated, onReplyCreated } from '../social/graph/notification.hooks';
import { mapTagNames } from '../tags/tag.service';
import { requireViewer } from '../shared/viewer.guard';
import { assertMayChange, readablePost } from './content-access';
import { CONTENT_STATE, ENTITY_STATUS } from './content-status';
import type { AuthorRef } from './content.input';
import type { CommentRow, PostRow, ReplyRow } from './content.row';
import { adjustPostCounts } from './post.repository';
import { resolveAuthor } from './post.service';
import { adjustCommentReplyCount, insertComment, insertReply, markCommentDeleted, markReplyDeleted, updateRemarkText } from './remark.repository';
import { cleanText, hashtags } from './text';

/*
 * Comments and replies are one thing at two depths: text in answer to a post (a comment) or to a
 * comment (a reply). Reading, writing, editing and deleting them is this one code, told the kind.
 */

export type RemarkKind = 'COMMENT' | 'REPLY';

/** The table and status column of each kind. */
const KIND = {
  COMMENT: { table: 'comments', status: 'comment_status', noun: 'Comment', plural: 'comments' },
  REPLY: { table: 'replies', status: 'status', noun: 'Reply', plural: 'replies' },
} as const;

type RowOf<K extends RemarkKind> = K extends 'COMMENT' ? CommentRow : ReplyRow;

function statusOf(kind: RemarkKind, row: CommentRow | ReplyRow): number {
  return kind === 'COMMENT' ? (row as CommentRow).comment_status : (row as ReplyRow).status;
}

function loaderOf(ctx: Context, kind: RemarkKind) {
  return kind === 'COMMENT' ? ctx.loaders.comment : ctx.loaders.reply;
}

function assertOpen(ctx: Context, post: PostRow): void {
  if (post.post_status !== ENTITY_STATUS.ACTIVE) throw new ForbiddenError('This post does not take comments yet');
  const closed: number[] = [CONTENT_STATE.LOCKED, CONTENT_STATE.ARCHIVED];
  if (closed.includes(post.state) && !isStaff(ctx.viewer)) throw new ForbiddenError('This post is locked');
}

/** Whether the viewer may read a comment or reply: it is not deleted and its post is readable (the one rule, canReadPost's). */
export async function readableRemark<K extends RemarkKind>(ctx: Context, kind: K, id: number): Promise<RowOf<K>> {
  const row = (await loaderOf(ctx, kind).load(id)) as RowOf<K> | null;
  const missing = () => new NotFoundError(`${KIND[kind].noun} ${id} does not exist`);
  if (!row || statusOf(kind, row) === ENTITY_STATUS.DELETED) throw missing();
  if (kind === 'REPLY') {
    await readableRemark(ctx, 'COMMENT', (row as ReplyRow).comment_id).catch(() => {
      throw missing();
    });
  } else {
    await readablePost(ctx, row.post_id).catch(() => {
      throw missing();
    });
  }
  return row;
}

/** A comment the viewer may read (its post is readable); otherwise NOT_FOUND. */
export const readableComment = (ctx: Context, id: number) => readableRemark(ctx, 'COMMENT', id);
/** A reply the viewer may read (its comment is readable); otherwise NOT_FOUND. */
export const readableReply = (ctx: Context, id: number) => readableRemark(ctx, 'REPLY', id);

export interface NewRemark {
  /** The post (for a comment) or the comment (for a reply) answered. */
  parentId: number;
  content: string;
  author?: AuthorRef | null;
}

/**
 * Writes a comment on a post or a reply to a comment the viewer can read and whose post is open;
 * the parents' counts follow, hashtags are mapped, the event is recorded.
 */
export async function createRemark<K extends RemarkKind>(ctx: Context, kind: K, input: NewRemark): Promise<RowOf<K>> {
  const viewer = requireViewer(ctx);
  const comment = kind === 'REPLY' ? await readableComment(ctx, input.parentId) : null;
  const post = await readablePost(ctx, comment ? comment.post_id : input.parentId);
  assertOpen(ctx, post);
  const authorId = await resolveAuthor(ctx, input.author);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const text = { user_id: authorId, content: input.content, clean_text: cleanText(input.content), created_at: now, updated_at: now };
    if (comment === null) {
      const row = await insertComment(trx, { post_id: post.id, ...text });
      await adjustPostCounts(trx, post.id, '+', { comments: 1 });
      await mapTagNames(trx, 'COMMENT', row.id, hashtags(row.clean_text));
      await record('comment.created', { comment: [row.id], post: [post.id], user: [authorId] }, viewer.userId);
      await onCommentCreated({ trx, record }, row, post);
      ctx.loaders.post.clear(post.id);
      return row as RowOf<K>;
    }
    const row = await insertReply(trx, { comment_id: comment.id, post_id: post.id, ...text });
    await adjustCommentReplyCount(trx, comment.id, '+');
    await adjustPostCounts(trx, post.id, '+', { replies: 1 });
    await mapTagNames(trx, 'REPLY', row.id, hashtags(row.clean_text));
    await record('reply.created', { reply: [row.id], comment: [comment.id], post: [post.id], user: [authorId] }, viewer.userId);
    await onReplyCreated({ trx, record }, row, comment);
    ctx.loaders.post.clear(post.id);
    ctx.loaders.comment.clear(comment.id);
    return row as RowOf<K>;
  });
}

/** Edits a comment or reply (its author or staff); its hashtags are mapped again. */
export async function updateRemark<K extends RemarkKind>(ctx: Context, kind: K, id: number, content: string): Promise<RowOf<K>> {
  const current = await readableRemark(ctx, kind, id);
  assertMayChange(ctx, current.user_id, KIND[kind].plural);
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const now = new Date().toISOString();
    const row = await updateRemarkText(trx, KIND[kind].table, id, { content, clean_text: cleanText(content), last_edited_at: now, updated_at: now });
    await mapTagNames(trx, kind, id, hashtags(row.clean_text));
    loaderOf(ctx, kind).clear(id);
    return row as RowOf<K>;
  });
}

/**
 * Deletes a comment or reply (its author or staff), kept as DELETED so counts and links stay sound:
 * the post's counts drop by it (and a comment's replies), a reply's comment's count by one.
 */
export async function deleteRemark(ctx: Context, kind: RemarkKind, id: number): Promise<void> {
  const current = await readableRemark(ctx, kind, id);
  assertMayChange(ctx, current.user_id, KIND[kind].plural);
  const now = new Date().toISOString();
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    if (kind === 'COMMENT') {
      const comment = current as CommentRow;
      await markCommentDeleted(trx, id, now);
      await adjustPostCounts(trx, comment.post_id, '-', { comments: 1, replies: comment.reply_count });
    } else {
      const reply = current as ReplyRow;
      await markReplyDeleted(trx, id, now);
      await adjustCommentReplyCount(trx, reply.comment_id, '-');
      await adjustPostCounts(trx, reply.post_id, '-', { replies: 1 });
      ctx.loaders.comment.clear(reply.comment_id);
    }
  });
  ctx.loaders.post.clear(current.post_id);
  loaderOf(ctx, kind).clear(id);
}

/** Comments on a post (the seed and other domains write through this). */
export function createComment(ctx: Context, input: { postId: number; content: string; author?: AuthorRef | null }): Promise<CommentRow> {
  return createRemark(ctx, 'COMMENT', { parentId: input.postId, content: input.content, author: input.author });
}
