import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors';
import { visibleBoard } from '../content/content-access';
import { findUserRef } from '../users/user-ref';
import { canSeeBoard } from './board.rules';
import { STORED_POSTING_ROLE, STORED_VISIBILITY } from './board-codes';
import type { CreateBoardInput } from './board.input';
import type { BoardRow } from './board.row';
import { deleteBoardMember, findBoardIds, findLastDisplayOrder, insertBoard, insertBoardMember, setBoardDisplayOrder, updateBoardRow } from './board.repository';

function requireAdmin(ctx: Context): void {
  if (!ctx.viewer?.isAdmin) throw new ForbiddenError('Only admins may manage boards');
}

function columns(input: CreateBoardInput) {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  return {
    board_name: input.name,
    about: input.about,
    icon: input.icon,
    board_type: input.kind,
    is_private: flag(input.isPrivate),
    hidden_type: input.visibility == null ? undefined : STORED_VISIBILITY[input.visibility],
    permission_for: input.permissionFor == null ? undefined : STORED_POSTING_ROLE[input.permissionFor],
    needs_approval: flag(input.needsApproval),
  };
}

export async function createBoard(ctx: Context, input: CreateBoardInput): Promise<BoardRow> {
  requireAdmin(ctx);
  if (!input.name) throw new BadUserInputError('name is required', 'name');
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const now = new Date().toISOString();
    const last = await findLastDisplayOrder(trx);
    return insertBoard(trx, { ...columns(input), board_name: input.name!, display_order: last + 1, created_by: ctx.viewer!.userId, created_at: now, updated_at: now });
  });
}

export async function updateBoard(ctx: Context, id: number, input: CreateBoardInput): Promise<BoardRow> {
  requireAdmin(ctx);
  await visibleBoard(ctx, id);
  return updateBoardRow(ctx.db, id, { ...columns(input), updated_at: new Date().toISOString() });
}

/** Sets display orders in one transaction; every board named must exist. */
export async function reorderBoards(ctx: Context, orders: readonly { boardId: number; displayOrder: number }[]): Promise<boolean> {
  requireAdmin(ctx);
  if (orders.length === 0) throw new BadUserInputError('Give at least one board', 'orders');
  if (orders.some((o) => o.displayOrder < 1)) throw new BadUserInputError('display orders start at 1', 'orders');
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    const ids = orders.map((o) => o.boardId);
    const found = await findBoardIds(trx, ids);
    const missing = ids.filter((id) => !found.includes(id));
    if (missing.length > 0) throw new NotFoundError(`Board ${missing[0]} does not exist`);
    for (const order of orders) await setBoardDisplayOrder(trx, order.boardId, order.displayOrder);
  });
  return true;
}

/** Gives or takes users' access to a board, all or nothing. */
export async function setBoardMembers(ctx: Context, boardId: number, changes: readonly { msid: string; member: boolean }[]): Promise<boolean> {
  requireAdmin(ctx);
  const board = await ctx.loaders.board.load(boardId);
  if (!board) throw new NotFoundError(`Board ${boardId} does not exist`);
  if (changes.length === 0) throw new BadUserInputError('Give at least one member change', 'changes');
  const users: { id: number; member: boolean }[] = [];
  for (const change of changes) {
    const user = await findUserRef(ctx, { msid: change.msid });
    if (!user) throw new NotFoundError(`No user has msid ${change.msid}`);
    users.push({ id: user.id, member: change.member });
  }
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    const now = new Date().toISOString();
    for (const user of users) {
      if (user.member) {
        await insertBoardMember(trx, boardId, user.id, now);
      } else {
        await deleteBoardMember(trx, boardId, user.id);
      }
    }
  });
  return true;
}

/** Every board the viewer may see, by display order then id (boards are few: the request reads them all once). */
export async function listBoards(ctx: Context): Promise<BoardRow[]> {
  const memberOf = ctx.viewer ? await ctx.loaders.memberBoards.load(ctx.viewer.userId) : new Set<number>();
  const rows = await ctx.loaders.allBoards.load('all');
  return rows.filter((board) => canSeeBoard(board, ctx.viewer, memberOf)).sort((a, b) => a.display_order - b.display_order || a.id - b.id);
}
