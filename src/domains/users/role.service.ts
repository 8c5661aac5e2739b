import type { Context } from '../../graphql/context.types';
import { listRoles } from './role.repository';
import type { RoleRow } from './user.row';

/** Every role, by id. */
export function allRoles(ctx: Context): Promise<RoleRow[]> {
  return listRoles(ctx.db);
}
