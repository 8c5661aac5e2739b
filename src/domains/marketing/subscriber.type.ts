import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** A Messenger user subscribed to one bot page, known by the page-scoped id (PSID) Messenger gives. */
@ObjectType({ implements: Node, description: 'A Messenger subscriber of a bot page.' })
export class Subscriber {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field({ description: 'The page-scoped id: digits, kept as text.' }) psid!: string;
  @Field(() => Int, { name: 'pageDatabaseId' }) pageId!: number;
  @Field() firstName!: string;
  @Field() lastName!: string;
  @Field() fullName!: string;
  @Field() gender!: string;
  @Field() locale!: string;
  @Field() timezone!: string;
  @Field({ description: 'Messenger no longer delivers to this subscriber.' }) unavailable!: boolean;
  @Field() lastErrorMessage!: string;
  @Field({ description: 'The last error of a conversation broadcast to this subscriber.' }) lastErrorMessageBroadcast!: string;
  @Field() referrerSource!: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) subscribedAt!: Date | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phoneNumber!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) birthdate!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastInteractionAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ description: 'A row importSubscribers did not write, and why.' })
export class SubscriberImportRejection {
  @Field(() => Int, { description: "The row's position in `rows`, from 0." }) index!: number;
  @Field(() => String, { nullable: true }) psid!: string | null;
  @Field() message!: string;
}

@ObjectType({ description: 'What importSubscribers did: every valid row is written, every bad one reported.' })
export class SubscriberImportResult {
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => [SubscriberImportRejection]) rejections!: SubscriberImportRejection[];
}
