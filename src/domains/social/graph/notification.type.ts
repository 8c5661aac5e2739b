import { Field, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** The kinds of notification, valued as stored (`notifications.type`). */
export enum NotificationType {
  FOLLOWING = 'following',
  FOLLOW_REQUEST = 'follow_request',
  ACCEPTED_REQUEST = 'accepted_request',
  COMMENT = 'comment',
  REPLY = 'reply',
  REACTION = 'reaction',
  MESSAGE = 'message',
  WEBHOOK_DISABLED = 'webhook_disabled',
}
/** The stored kinds the graph writes (`notifications.type`), by name. */
export const NOTIFICATION_TYPE = NotificationType;

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What a notification tells.',
  valuesConfig: {
    FOLLOWING: { description: 'Someone follows the viewer.' },
    FOLLOW_REQUEST: { description: 'Someone asks to follow the viewer.' },
    ACCEPTED_REQUEST: { description: "A user accepted the viewer's follow request." },
    COMMENT: { description: "A comment on the viewer's post." },
    REPLY: { description: "A reply to the viewer's comment." },
    REACTION: { description: "A reaction to the viewer's post, comment or reply." },
    MESSAGE: { description: 'A direct message to the viewer.' },
    WEBHOOK_DISABLED: { description: "The gateway disabled one of the viewer's webhook subscriptions." },
  },
});

/** What a notification is about, valued as stored (`notifications.ref_type`). */
export enum NotificationSubject {
  USER = 'USER',
  POST = 'POST',
  COMMENT = 'COMMENT',
  REPLY = 'REPLY',
  MESSAGE = 'MESSAGE',
  WEBHOOK_SUBSCRIPTION = 'webhook_subscription',
}
registerEnumType(NotificationSubject, { name: 'NotificationSubject', description: 'The kind of object a notification is about (refDatabaseId is its number).' });

/** The domain event a new notification is published as, after its transaction commits. */
export const NOTIFICATION_EVENT = 'notification.created';

@ObjectType({ implements: Node, description: 'Something that happened to the viewer: a follow, a request, a comment, a reply, a reaction, a message.' })
export class Notification {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'recipientDatabaseId' }) recipientId!: number;
  @Field(() => Int, { name: 'notifierDatabaseId', nullable: true, description: 'Who caused it.' }) notifierId!: number | null;
  @Field(() => NotificationType, { description: 'What it tells.' }) type!: NotificationType;
  @Field(() => NotificationSubject, { nullable: true, description: 'What it is about.' }) refType!: NotificationSubject | null;
  @Field(() => Int, { name: 'refDatabaseId', nullable: true, description: 'The number of what it is about.' }) refId!: number | null;
  @Field({ description: "A short excerpt (a comment's or message's first words); empty for the others." }) text!: string;
  @Field() seen!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) seenAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const NotificationConnection = connectionType(Notification, { totalCount: true, description: "A page of the viewer's notifications, newest first." });

@InputType({ description: "Which of the viewer's notifications to list." })
export class NotificationFilter {
  @Field({ nullable: true, description: 'Only the unseen ones.' }) unseenOnly?: boolean;
}
