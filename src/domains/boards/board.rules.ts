import type { Viewer } from '../../auth/viewer';
import type { BoardRow } from './board.row';

/** The viewer's rank in `permission_for` terms: 1 admin, 5 moderator, 10 member. */
export function rankOf(viewer: Viewer): number {
  return viewer.isAdmin ? 1 : viewer.isModerator ? 5 : 10;
}

export function isStaff(viewer: Viewer | null): boolean {
  return viewer !== null && (viewer.isAdmin || viewer.isModerator);
}

/**
 * Who may read a board's posts and post there: private boards and hidden_type 2 need membership;
 * hidden_type 1 needs a signed-in viewer. Admins too must be made members of a private board for
 * that, as the community document says ("the same experience as a member").
 */
export function canSeeBoardContent(board: BoardRow, viewer: Viewer | null, memberOf: ReadonlySet<number>): boolean {
  if (board.is_private === 1 || board.hidden_type === 2) return viewer !== null && memberOf.has(board.id);
  if (board.hidden_type === 1) return viewer !== null;
  return true;
}

/**
 * Who may read a board itself (its settings, its place in the list): whoever may read its posts,
 * and its managers, the admins (only they create, change and staff boards), member or not.
 */
export function canSeeBoard(board: BoardRow, viewer: Viewer | null, memberOf: ReadonlySet<number>): boolean {
  return viewer?.isAdmin === true || canSeeBoardContent(board, viewer, memberOf);
}

/** Posting needs sight of the board's content and a rank at least as high as `permission_for` asks. */
export function canPostInBoard(board: BoardRow, viewer: Viewer | null, memberOf: ReadonlySet<number>): boolean {
  return viewer !== null && canSeeBoardContent(board, viewer, memberOf) && rankOf(viewer) <= board.permission_for;
}
