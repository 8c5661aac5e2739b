import type { RoleRow } from './user.row';
import type { Role } from './role.type';

export function toRole(row: RoleRow): Role {
  return { id: row.id, name: row.role_name, details: row.role_details, isDefault: row.is_default === 1, rank: row.rank };
}
