import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A label of a bot page, given to its subscribers (Messenger's custom labels). */
@ObjectType({ implements: Node, description: 'A label of a bot page; its labelId is the text id the marketing API shows.' })
export class Label {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field({ description: "The label's public id: digits, kept as text." }) labelId!: string;
  @Field() name!: string;
  @Field(() => Int, { name: 'pageDatabaseId' }) pageId!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
