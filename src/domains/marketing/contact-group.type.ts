import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A user's contact group (the marketing API's "contact type"): a named list of contacts. */
@ObjectType({ description: 'A contact group of the viewer (the marketing API calls it a contact type). Deleted groups are never shown.' })
export class ContactGroup {
  @Field(() => Int) id!: number;
  @Field(() => Int, { description: 'The owner.' }) userId!: number;
  @Field() name!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}
