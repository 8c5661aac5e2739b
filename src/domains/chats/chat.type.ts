import { Extensions, Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SHARED_ACROSS_VIEWERS } from '../../graphql/shared-subscriptions';
import { Node } from '../../graphql/node';
import { connectionType } from '../../graphql/connection';

export enum ChatType {
  DIRECT = 'direct',
  GROUP = 'group',
}
registerEnumType(ChatType, { name: 'ChatType', description: 'DIRECT: the one chat of two users. GROUP: a titled chat of several.' });

/** A participant's role, as stored. */
export enum ChatRole {
  ADMIN = 'admin',
  MEMBER = 'member',
}
registerEnumType(ChatRole, { name: 'ChatRole', description: "ADMIN: may add participants (a group's creator, or its longest-standing member once the last admin left). MEMBER: everyone else." });

/** What a message's media is, as stored. */
export enum MessageMediaType {
  IMAGE = 'image',
  VIDEO = 'video',
  LINK = 'link',
}
registerEnumType(MessageMediaType, { name: 'MessageMediaType', description: 'IMAGE or VIDEO: a file the gateway stores. LINK: a URL it did not store.' });

/** A chat as one participant sees it: the shared chat plus that participant's own settings. */
@ObjectType({ implements: Node, description: "A chat as the viewer sees it: the shared chat plus the viewer's own settings (pin, archive, colour, read mark)." })
export class Chat {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => ChatType) type!: ChatType;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => Int, { name: 'participantDatabaseId', description: "The number of the viewer's participant row in this chat (the chat API's {participant})." }) participantId!: number;
  @Field({ description: 'Pinned by the viewer.' }) pinned!: boolean;
  @Field({ description: 'Archived by the viewer.' }) archived!: boolean;
  @Field(() => String, { nullable: true, description: "The viewer's colour for this chat, #rrggbb." }) color!: string | null;
  @Field(() => Int, { name: 'lastReadMessageDatabaseId', nullable: true, description: 'The last message the viewer has read.' }) lastReadMessageId!: number | null;
  @Field(() => Int, { name: 'lastMessageDatabaseId', nullable: true }) lastMessageId!: number | null;
  @Field(() => GraphQLISODateTime) lastActivityAt!: Date;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  /** Messages up to this id are hidden for the viewer (a deleted conversation). */
  hiddenUpTo!: number;
}

@ObjectType({ implements: Node, description: "A member of a chat, as the chat's other participants see them." })
export class ChatParticipant {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'chatDatabaseId' }) chatId!: number;
  @Field(() => Int, { name: 'userDatabaseId' }) userId!: number;
  @Field(() => ChatRole) role!: ChatRole;
  @Field(() => GraphQLISODateTime) joinedAt!: Date;
}

/** A message as the chat stores it; every field reads the same for each participant (shared subscription execution). */
@ObjectType({ implements: Node, description: 'A message of a chat; every field reads the same for each participant.' })
export class Message {
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'chatDatabaseId' }) chatId!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'senderDatabaseId' }) senderId!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'The text; empty for a media-only or deleted message.' }) text!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) mediaUrl!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => MessageMediaType, { nullable: true }) mediaType!: MessageMediaType | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'replyToDatabaseId', nullable: true }) replyToId!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true, description: "The sender's idempotency key (the social API's message_hash_id)." }) hashId!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() deleted!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime, { nullable: true }) editedAt!: Date | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime) createdAt!: Date;
}

/** A page of a chat's messages, oldest to newest. */
export const MessageConnection = connectionType(Message, {
  description: "A page of a chat's messages, oldest to newest: first/after page towards newer messages, last/before towards older ones.",
});

/** A page of the viewer's chats, pinned first, then by last activity. */
export const ChatConnection = connectionType(Chat, { totalCount: true, description: "A page of the viewer's chats: pinned first, then by last activity (newest first)." });

@ObjectType({ description: 'Someone started or stopped typing in a chat.' })
export class TypingUpdate {
  @Field(() => Int, { name: 'chatDatabaseId' }) chatId!: number;
  @Field(() => Int, { name: 'userDatabaseId' }) userId!: number;
  @Field() typing!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When "typing" lapses unless renewed.' }) expiresAt!: Date | null;
}
