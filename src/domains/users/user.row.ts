import type { Selectable } from 'kysely';
import type { Roles, Users } from '../../db/schema';

/** A `users` row as read from the database. */
export type UserRow = Selectable<Users>;

/** A `roles` row as read from the database. */
export type RoleRow = Selectable<Roles>;
