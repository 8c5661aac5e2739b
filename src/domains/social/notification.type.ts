import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** What the graph notifies about; other domains may add their own type names. */
export const NOTIFICATION_TYPE = {
  FOLLOWING: 'following',
  FOLLOW_REQUEST: 'follow_request',
  ACCEPTED_REQUEST: 'accepted_request',
  COMMENT: 'comment',
  REPLY: 'reply',
  REACTION: 'reaction',
  MESSAGE: 'message',
} as const;

/** The domain event a new notification is published as, after its transaction commits. */
export const NOTIFICATION_EVENT = 'notification.created';

@ObjectType({ implements: Node, description: 'Something that happened to the viewer: a follow, a request, a comment, a reply, a reaction, a message.' })
export class Notification {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'recipientDatabaseId' }) recipientId!: number;
  @Field(() => Int, { name: 'notifierDatabaseId', nullable: true, description: 'Who caused it.' }) notifierId!: number | null;
  @Field({ description: 'following, follow_request, accepted_request, comment, reply, reaction or message.' }) type!: string;
  @Field(() => String, { nullable: true, description: 'What it is about: USER, POST, COMMENT, REPLY or MESSAGE.' }) refType!: string | null;
  @Field(() => Int, { name: 'refDatabaseId', nullable: true }) refId!: number | null;
  @Field({ description: 'A short excerpt (a comment\'s or message\'s first words); empty for the others.' }) text!: string;
  @Field() seen!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) seenAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
