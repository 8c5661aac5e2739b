import { registerEnumType } from 'type-graphql';

/** Who sees a board and its posts (stored as `hidden_type`: 0, 1, 2). */
export enum BoardVisibility {
  EVERYONE = 'EVERYONE',
  SIGNED_IN = 'SIGNED_IN',
  MEMBERS = 'MEMBERS',
}
registerEnumType(BoardVisibility, {
  name: 'BoardVisibility',
  description:
    'Who sees a board and reads its posts: EVERYONE (signed out too), SIGNED_IN users, or its MEMBERS only. A private board is members-only whatever its visibility; admins see every board itself.',
});

/** The least role that may post in a board (stored as `permission_for`, the rank of board.rules' rankOf: 1, 5, 10). */
export enum BoardPostingRole {
  ADMIN = 'ADMIN',
  MODERATOR = 'MODERATOR',
  MEMBER = 'MEMBER',
}
registerEnumType(BoardPostingRole, {
  name: 'BoardPostingRole',
  description: "The least role that may post in a board: ADMIN (admins only), MODERATOR (admins and moderators) or MEMBER (anyone who may read the board's posts).",
});

/** The stored `hidden_type` of each visibility. */
export const STORED_VISIBILITY: Record<BoardVisibility, number> = { EVERYONE: 0, SIGNED_IN: 1, MEMBERS: 2 };

/** The stored `permission_for` rank of each posting role. */
export const STORED_POSTING_ROLE: Record<BoardPostingRole, number> = { ADMIN: 1, MODERATOR: 5, MEMBER: 10 };

/** The visibility of a stored `hidden_type` (another number reads as EVERYONE, as board.rules treat it). */
export function toBoardVisibility(stored: number): BoardVisibility {
  return stored === 2 ? BoardVisibility.MEMBERS : stored === 1 ? BoardVisibility.SIGNED_IN : BoardVisibility.EVERYONE;
}

/** The posting role of a stored `permission_for` rank (another rank reads as the roles it admits, as canPostInBoard compares). */
export function toBoardPostingRole(stored: number): BoardPostingRole {
  return stored >= 10 ? BoardPostingRole.MEMBER : stored >= 5 ? BoardPostingRole.MODERATOR : BoardPostingRole.ADMIN;
}
