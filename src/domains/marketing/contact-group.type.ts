import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A user's contact group (the marketing API's "contact type"): a named list of contacts. */
@ObjectType({ implements: Node, description: 'A contact group of the viewer (the marketing API calls it a contact type). Deleted groups are never shown.' })
export class ContactGroup {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId', description: 'The owner.' }) userId!: number;
  @Field() name!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}
