import { Field, Int, ObjectType } from 'type-graphql';
import type { RoleRow } from './user.row';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A community role. Lower rank means more rights: 1 admin, 5 moderator, 10 member.' })
export class Role {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field() details!: string;
  @Field() isDefault!: boolean;
  @Field(() => Int) rank!: number;
}

export function toRole(row: RoleRow): Role {
  return { id: row.id, name: row.role_name, details: row.role_details, isDefault: row.is_default === 1, rank: row.rank };
}
