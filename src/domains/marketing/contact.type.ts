import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A contact of the viewer, in one of the viewer's contact groups. */
@ObjectType({ implements: Node, description: "A contact of the viewer: an email, a phone number or both, in one of the viewer's contact groups." })
export class Contact {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId', description: 'The owner.' }) userId!: number;
  @Field(() => Int, { name: 'groupDatabaseId' }) groupId!: number;
  @Field() firstName!: string;
  @Field() lastName!: string;
  @Field(() => String, { nullable: true, description: 'Lower-case. Set once: an update fills it in only when it is empty.' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'Digits with an optional leading +. Set once, like email.' }) phoneNumber!: string | null;
  @Field() notes!: string;
  @Field() unsubscribed!: boolean;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ description: 'Why one import row was skipped.' })
export class ContactImportRejection {
  @Field(() => Int, { description: "The row's index in `rows`, from 0." }) row!: number;
  @Field(() => String, { nullable: true, description: 'The offending field, when there is one.' }) field!: string | null;
  @Field() message!: string;
}

@ObjectType({ description: 'What an import did: every row either created a contact, updated one, or was rejected.' })
export class ContactImportResult {
  @Field(() => Int) created!: number;
  @Field(() => Int, { description: 'Rows that matched a contact (by email or phone number) and were applied to it by the update rules.' }) updated!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [ID], { description: 'The global ids of the contacts created, in the order they were made.' }) createdIds!: string[];
  @Field(() => [ID], { description: 'The global ids of the contacts updated, each once.' }) updatedIds!: string[];
  @Field(() => [ContactImportRejection], { description: 'Rejected rows in row order.' }) rejections!: ContactImportRejection[];
}
