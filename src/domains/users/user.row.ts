import type { Selectable } from 'kysely';
import type { KeyValues } from '../../db/keyset';
import type { Roles, Users } from '../../db/schema';

/** A `users` row as read from the database. */
export type UserRow = Selectable<Users>;

/** A `roles` row as read from the database. */
export type RoleRow = Selectable<Roles>;

/** The orders users are listed in: a sort column (or two) then the id, all one direction. */
export type UserSortKey = 'user_id' | 'joined' | 'name';

/** The types of each sort's key, as its cursors carry it. */
export const USER_SORT_KEY_TYPES: Record<UserSortKey, readonly ('number' | 'string')[]> = {
  user_id: ['number'],
  joined: ['string', 'number'],
  name: ['string', 'string', 'number'],
};

/** A listed user's sort key (what its cursor carries). */
export function userSortKey(row: UserRow, sort: UserSortKey): KeyValues {
  if (sort === 'joined') return [row.created_at, row.id];
  if (sort === 'name') return [row.first_name ?? '', row.last_name ?? '', row.id];
  return [row.id];
}
