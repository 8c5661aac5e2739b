import type { Kysely, Selectable } from 'kysely';
import type { DB, Roles } from '../../db/schema';

export type RoleRow = Selectable<Roles>;

export function findRolesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().where('id', 'in', ids).execute();
}

export function listRoles(db: Kysely<DB>): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().orderBy('id').execute();
}
