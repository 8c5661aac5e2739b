import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A community role. Lower rank means more rights: 1 admin, 5 moderator, 10 member.' })
export class Role {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field() details!: string;
  @Field() isDefault!: boolean;
  @Field(() => Int) rank!: number;
}
