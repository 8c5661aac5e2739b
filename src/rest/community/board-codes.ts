import type { BoardPostingRole, BoardVisibility } from '../../generated/operations';

/** The community document's `hidden_type` numbers: 0 all, 1 signed-in users, 2 members. */
export const LEGACY_VISIBILITY: Record<BoardVisibility, number> = { EVERYONE: 0, SIGNED_IN: 1, MEMBERS: 2 };

/** The community document's `permission_for` numbers: 1 admins, 5 admins and moderators, 10 any member. */
export const LEGACY_POSTING_ROLE: Record<BoardPostingRole, number> = { ADMIN: 1, MODERATOR: 5, MEMBER: 10 };

/** The enum value of a legacy number, if it names one. */
export function fromLegacy<T extends string>(codes: Record<T, number>, legacy: unknown): T | undefined {
  return (Object.keys(codes) as T[]).find((value) => codes[value] === legacy);
}
