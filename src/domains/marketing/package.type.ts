import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

@ObjectType({ implements: Node, description: 'A marketing subscription package: the modules it unlocks, price and validity.' })
export class Package {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field() name!: string;
  @Field(() => [Int]) moduleIds!: number[];
  @Field({ description: 'Decimal price as text, e.g. "112.35".' }) price!: string;
  @Field(() => Int, { description: 'Validity in days; 0 means unlimited.' }) validity!: number;
  @Field() deleted!: boolean;
  @Field() visible!: boolean;
  @Field() highlight!: boolean;
}
