import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { RoleRow } from './user.row';

export function findRolesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().where('id', 'in', ids).execute();
}

export function listRoles(db: Kysely<DB>): Promise<RoleRow[]> {
  return db.selectFrom('roles').selectAll().orderBy('id').execute();
}

export async function roleExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('roles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
