import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { UnitOfWork } from '../../events/domain-event.publisher';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors';
import { setBoardStats } from '../boards/board.repository';
import { isStaff } from '../boards/board.rules';
import { onPostCreated } from '../social/graph/notification.hooks';
import { mapTagNames } from '../tags/tag.service';
import { findUserRef } from '../users/user-ref';
import { requireViewer } from '../shared/viewer.guard';
import { UserStatus } from '../users/user-status';
import { assertMayChange, hiddenBoardIds, postableBoard, readablePost, visibleBoard } from './content-access';
import { ENTITY_STATUS, PostStatus, storedStatus } from './content-status';
import type { AuthorRef } from './content.input';
import { fromOptionalGlobalId } from '../../graphql/node';
import type { Window } from '../../db/keyset';
import type { PostRow } from './content.row';
import { countBoardPosts, incrementPostViews, insertPostRow, listFeed, listPosts, markPostDeleted, updatePostRow } from './post.repository';
import type { Columns } from '../../db/columns';
import { cleanText, hashtags, shortText } from './text';

/**
 * The author a write is made as: the viewer, or (for admins and moderators) the named user. The
 * community document checks rights against the API user, not the named author.
 */
export async function resolveAuthor(ctx: Context, author: AuthorRef | null | undefined): Promise<number> {
  const viewer = requireViewer(ctx);
  if (!author || (author.id == null && author.msid == null)) return viewer.userId;
  const id = fromOptionalGlobalId(author.id, 'User', 'author.id') ?? undefined;
  const row = await findUserRef(ctx, { id, msid: author.msid ?? undefined });
  if (!row || row.user_status === UserStatus.DELETED) throw new NotFoundError('The author does not exist');
  if (row.id !== viewer.userId && !isStaff(viewer)) throw new ForbiddenError('Only admins and moderators may write as another user');
  return row.id;
}

function textColumns(content: string) {
  const clean = cleanText(content);
  return { content, clean_text: clean, post_short_text: shortText(clean) };
}

/** Recounts a board's active posts and last post time. */
export async function refreshBoardStats(trx: Transaction<DB>, boardId: number | null): Promise<void> {
  if (boardId === null) return;
  const stats = await countBoardPosts(trx, boardId, ENTITY_STATUS.ACTIVE);
  await setBoardStats(trx, boardId, stats.count, stats.last);
}

/** A post to write, with numbers for what it names; `author` as the GraphQL input gives it. */
export interface PostDraft {
  boardId?: number | null;
  headline?: string | null;
  content: string;
  author?: AuthorRef | null;
}

/** A post's changes; omitted fields stay. */
export interface PostChanges {
  boardId?: number;
  headline?: string;
  content?: string;
  author?: AuthorRef | null;
}

/** Which posts a list shows, with numbers for what it names. */
export interface PostsQuery {
  boardId?: number | null;
  authorId?: number | null;
  pageId?: number | null;
  groupId?: number | null;
  tag?: string | null;
  status?: PostStatus | null;
}

/** Creates a post; in a board that needs approval, a member's post waits as APPROVAL_REQUIRED. */
export async function createPost(ctx: Context, input: PostDraft): Promise<PostRow> {
  const viewer = requireViewer(ctx);
  const board = input.boardId != null ? await postableBoard(ctx, input.boardId) : null;
  if (board && !input.headline) throw new BadUserInputError('headline is required for a board post', 'headline');
  const authorId = await resolveAuthor(ctx, input.author);
  const status = board?.needs_approval === 1 && !isStaff(viewer) ? ENTITY_STATUS.APPROVAL_REQUIRED : ENTITY_STATUS.ACTIVE;
  return ctx.events.transaction(ctx.db, (unit) => insertPost(unit, { content: input.content, userId: authorId, boardId: board?.id ?? null, headline: input.headline ?? null, status }, viewer.userId));
}

export interface NewPost {
  content: string;
  userId: number;
  boardId?: number | null;
  headline?: string | null;
  status?: number;
  /** Set for posts another domain makes (a product's post): `product`. */
  postType?: string;
  mediaUrl?: string | null;
}

/**
 * Writes a post inside the caller's unit of work: its hashtags, the board's stats, `post.created`
 * and the author's activity. createPost and the domains that publish posts (products) share it.
 */
export async function insertPost(unit: UnitOfWork, post: NewPost, actorId: number): Promise<PostRow> {
  const { trx, record } = unit;
  const now = new Date().toISOString();
  const row = await insertPostRow(trx, {
    ...textColumns(post.content),
    user_id: post.userId,
    board_id: post.boardId ?? null,
    headline: post.headline ?? null,
    post_status: post.status ?? ENTITY_STATUS.ACTIVE,
    ...(post.postType ? { post_type: post.postType } : {}),
    media_url: post.mediaUrl ?? null,
    created_at: now,
    updated_at: now,
  });
  await mapTagNames(trx, 'POST', row.id, hashtags(row.clean_text));
  await refreshBoardStats(trx, row.board_id);
  await record('post.created', { post: [row.id], user: [post.userId] }, actorId);
  await onPostCreated(unit, row);
  return row;
}

/** Edits a post (its author or staff); moving it to another board needs posting rights there. */
export async function updatePost(ctx: Context, postId: number, input: PostChanges): Promise<PostRow> {
  const current = await readablePost(ctx, postId);
  assertMayChange(ctx, current.user_id, 'posts');
  const board = input.boardId != null && input.boardId !== current.board_id ? await postableBoard(ctx, input.boardId) : null;
  const authorId = input.author ? await resolveAuthor(ctx, input.author) : current.user_id;
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const now = new Date().toISOString();
    const post = await updatePostRow(trx, postId, {
      ...(input.content !== undefined ? textColumns(input.content) : {}),
      headline: input.headline,
      board_id: board?.id,
      user_id: authorId,
      last_edited_at: input.content !== undefined || input.headline !== undefined ? now : undefined,
      updated_at: now,
    });
    await mapTagNames(trx, 'POST', post.id, hashtags(post.clean_text));
    if (board) await refreshBoardStats(trx, current.board_id);
    await refreshBoardStats(trx, post.board_id);
    return post;
  });
}

/** Deletes a post (its author or staff): it is kept as DELETED so counts and links stay sound. */
export async function deletePost(ctx: Context, postId: number): Promise<void> {
  const current = await readablePost(ctx, postId);
  assertMayChange(ctx, current.user_id, 'posts');
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    await markPostDeleted(trx, postId, new Date().toISOString());
    await refreshBoardStats(trx, current.board_id);
  });
  ctx.loaders.post.clear(postId);
}

/** Staff approve a post that waits for approval, or reject it. */
export async function moderatePost(ctx: Context, postId: number, approve: boolean): Promise<PostRow> {
  if (!isStaff(ctx.viewer)) throw new ForbiddenError('Only admins and moderators may approve posts');
  const current = await readablePost(ctx, postId);
  if (current.post_status !== ENTITY_STATUS.APPROVAL_REQUIRED) throw new BadUserInputError('This post is not waiting for approval', 'postId');
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const status = approve ? ENTITY_STATUS.ACTIVE : ENTITY_STATUS.APPROVAL_REJECTED;
    const post = await updatePostRow(trx, postId, { post_status: status, updated_at: new Date().toISOString() });
    await refreshBoardStats(trx, post.board_id);
    return post;
  });
}

/** Staff pin or unpin a board post. */
export async function pinPost(ctx: Context, postId: number, pinned: boolean): Promise<PostRow> {
  if (!isStaff(ctx.viewer)) throw new ForbiddenError('Only admins and moderators may pin posts');
  const current = await readablePost(ctx, postId);
  if (current.board_id === null) throw new BadUserInputError('Only board posts can be pinned', 'postId');
  if (pinned && current.post_status !== ENTITY_STATUS.ACTIVE) throw new BadUserInputError('Only active posts can be pinned', 'postId');
  const pinnedAt = pinned ? (current.pinned_at ?? new Date().toISOString()) : null;
  return updatePostRow(ctx.db, postId, { pinned_at: pinnedAt });
}

/** Counts a read of a post (the community API counts every GET). */
export async function recordPostView(ctx: Context, postId: number): Promise<PostRow> {
  await readablePost(ctx, postId);
  return incrementPostViews(ctx.db, postId);
}

/** Posts the viewer may read, newest first, a window of them; statuses other than ACTIVE are for staff and the author's own. */
export async function listVisiblePosts(ctx: Context, filter: PostsQuery, window: Window, columns: Columns = null): Promise<PostRow[]> {
  const status = storedStatus(filter.status ?? PostStatus.ACTIVE);
  if (status !== ENTITY_STATUS.ACTIVE && !isStaff(ctx.viewer) && (filter.authorId == null || filter.authorId !== ctx.viewer?.userId)) {
    throw new ForbiddenError("Only staff list other users' posts that are not active");
  }
  if (filter.boardId != null) await visibleBoard(ctx, filter.boardId);
  return listPosts(ctx.db, {
    boardId: filter.boardId ?? null,
    authorId: filter.authorId ?? null,
    pageId: filter.pageId ?? null,
    groupId: filter.groupId ?? null,
    tag: filter.tag?.toLowerCase() ?? null,
    status,
    hiddenBoardIds: await hiddenBoardIds(ctx),
    window,
    columns,
  });
}

/** The viewer's timeline, newest first, a window of it: their own and followed users' posts. */
export function viewerFeed(ctx: Context, window: Window, columns: Columns = null): Promise<PostRow[]> {
  return listFeed(ctx.db, requireViewer(ctx).userId, window, columns);
}
