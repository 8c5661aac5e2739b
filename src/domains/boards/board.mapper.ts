import { toBoardPostingRole, toBoardVisibility } from './board-codes';
import type { BoardRow } from './board.row';
import type { Board } from './board.type';

export function toBoard(row: BoardRow): Board {
  return {
    id: row.id,
    name: row.board_name,
    kind: row.board_type,
    about: row.about,
    icon: row.icon,
    isPrivate: row.is_private === 1,
    visibility: toBoardVisibility(row.hidden_type),
    permissionFor: toBoardPostingRole(row.permission_for),
    needsApproval: row.needs_approval === 1,
    displayOrder: row.display_order,
    postCount: row.post_count,
    lastPostedAt: row.last_posted_at ? new Date(row.last_posted_at) : null,
    createdAt: new Date(row.created_at),
  };
}
