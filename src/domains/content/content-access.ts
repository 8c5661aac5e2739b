import type { Context } from '../../graphql/context.types';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors';
import { canPostInBoard, canSeeBoard, canSeeBoardContent, isStaff } from '../boards/board.rules';
import type { BoardRow } from '../boards/board.row';
import { ENTITY_STATUS } from './content-status';
import type { PostRow } from './content.row';

async function memberOf(ctx: Context): Promise<Set<number>> {
  return ctx.viewer ? ctx.loaders.memberBoards.load(ctx.viewer.userId) : new Set<number>();
}

/** Boards whose posts the viewer may not read (private, hidden): what lists of posts, and of the tags they carry, leave out. */
export async function hiddenBoardIds(ctx: Context): Promise<number[]> {
  const [memberBoards, boards] = await Promise.all([memberOf(ctx), ctx.loaders.allBoards.load('all')]);
  return boards.filter((board) => !canSeeBoardContent(board, ctx.viewer, memberBoards)).map((board) => board.id);
}

/** The board, if it exists and the viewer may see it; otherwise NOT_FOUND (a hidden board does not leak). */
export async function visibleBoard(ctx: Context, boardId: number): Promise<BoardRow> {
  const board = await ctx.loaders.board.load(boardId);
  if (!board || !canSeeBoard(board, ctx.viewer, await memberOf(ctx))) throw new NotFoundError(`Board ${boardId} does not exist`);
  return board;
}

/** The board the viewer may post in; FORBIDDEN when they see it but lack the rank. */
export async function postableBoard(ctx: Context, boardId: number): Promise<BoardRow> {
  if (!ctx.viewer) throw new UnauthenticatedError();
  const board = await visibleBoard(ctx, boardId);
  if (!canPostInBoard(board, ctx.viewer, await memberOf(ctx))) throw new ForbiddenError('You may not post in this board');
  return board;
}

/** Whether the viewer may read a post: its board is visible, and it is active or theirs (staff see all). */
export async function canReadPost(ctx: Context, post: PostRow): Promise<boolean> {
  if (post.post_status === ENTITY_STATUS.DELETED) return false;
  if (post.board_id !== null) {
    const board = await ctx.loaders.board.load(post.board_id);
    if (!board || !canSeeBoardContent(board, ctx.viewer, await memberOf(ctx))) return false;
  }
  return post.post_status === ENTITY_STATUS.ACTIVE || isStaff(ctx.viewer) || ctx.viewer?.userId === post.user_id;
}

/** Whether the viewer may read a post, comment or reply: the one rule is the post's (canReadPost). */
export async function canReadTarget(ctx: Context, refType: 'POST' | 'COMMENT' | 'REPLY', refId: number): Promise<boolean> {
  const parent = refType === 'POST' ? { post_id: refId } : await (refType === 'COMMENT' ? ctx.loaders.comment : ctx.loaders.reply).load(refId);
  const post = parent ? await ctx.loaders.post.load(parent.post_id) : null;
  return post ? canReadPost(ctx, post) : false;
}

/** The post, if the viewer may read it; otherwise NOT_FOUND. */
export async function readablePost(ctx: Context, postId: number): Promise<PostRow> {
  const post = await ctx.loaders.post.load(postId);
  if (!post || !(await canReadPost(ctx, post))) throw new NotFoundError(`Post ${postId} does not exist`);
  return post;
}

/** Authors change their own content; admins and moderators change anyone's. */
export function assertMayChange(ctx: Context, authorId: number, what: string): void {
  if (!ctx.viewer) throw new UnauthenticatedError();
  if (ctx.viewer.userId !== authorId && !isStaff(ctx.viewer)) throw new ForbiddenError(`You may only change your own ${what}`);
}
