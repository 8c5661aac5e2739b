import type { Viewer } from '../../auth/viewer';
import type { BoardRow } from './board.type';

/** The viewer's rank in `permission_for` terms: 1 admin, 5 moderator, 10 member. */
export function rankOf(viewer: Viewer): number {
  return viewer.isAdmin ? 1 : viewer.isModerator ? 5 : 10;
}

export function isStaff(viewer: Viewer | null): boolean {
  return viewer !== null && (viewer.isAdmin || viewer.isModerator);
}

/** Private boards and hidden_type 2 need membership; hidden_type 1 needs a signed-in viewer. */
export function canSeeBoard(board: BoardRow, viewer: Viewer | null, memberOf: ReadonlySet<number>): boolean {
  if (board.is_private === 1 || board.hidden_type === 2) return viewer !== null && memberOf.has(board.id);
  if (board.hidden_type === 1) return viewer !== null;
  return true;
}

/** Posting needs sight of the board and a rank at least as high as `permission_for` asks. */
export function canPostInBoard(board: BoardRow, viewer: Viewer | null, memberOf: ReadonlySet<number>): boolean {
  return viewer !== null && canSeeBoard(board, viewer, memberOf) && rankOf(viewer) <= board.permission_for;
}
