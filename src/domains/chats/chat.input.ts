import { IsOptional, Length, MaxLength } from '../../graphql/validators';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../media/upload.scalar';
import { ConnectionArgs, OffsetConnectionArgs } from '../../graphql/connection';
import { fromGlobalId, fromOptionalGlobalId } from '../../graphql/node';

/** A chat named by id, or the direct chat with a user (the social API names conversations that way). */
export interface ChatRef {
  chatId?: number | null;
  withUserId?: number | null;
}

/** What a sender writes, with database numbers (the service's input; `SendMessageInput` decoded). */
export interface MessageDraft {
  chatId?: number | null;
  toUserId?: number | null;
  text?: string | null;
  mediaUrl?: string | null;
  media?: UploadValue | null;
  importImageUrl?: string | null;
  replyToId?: number | null;
  hashId?: string | null;
}

@InputType({ description: 'A message to a chat (chatId) or to a user (toUserId: their direct chat, created on the first message). Text, media or both.' })
export class SendMessageInput {
  @Field(() => ID, { nullable: true, description: 'The chat (a Chat id).' }) chatId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user whose direct chat takes the message (a User id).' }) toUserId?: string | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) URL sent as a link.' })
  @IsOptional()
  @MaxLength(2000)
  mediaUrl?: string | null;
  @Field(() => UploadScalar, { nullable: true, description: 'An uploaded image or video (an id from POST /uploads).' }) media?: UploadValue | null;
  @Field(() => String, { nullable: true, description: 'An image URL the gateway downloads and stores, when the gateway allows imports.' })
  @IsOptional()
  @MaxLength(2000)
  importImageUrl?: string | null;
  @Field(() => ID, { nullable: true, description: 'The message this one replies to (a Message id of the same chat).' }) replyToId?: string | null;
  @Field(() => String, { nullable: true, description: 'An idempotency key: a repeated send with the same key returns the first message.' })
  @IsOptional()
  @Length(1, 100)
  hashId?: string | null;
}

/** The numbers behind a SendMessageInput's ids. */
export function messageDraft(input: SendMessageInput): MessageDraft {
  return {
    ...input,
    chatId: fromOptionalGlobalId(input.chatId, 'Chat', 'chatId'),
    toUserId: fromOptionalGlobalId(input.toUserId, 'User', 'toUserId'),
    replyToId: fromOptionalGlobalId(input.replyToId, 'Message', 'replyToId'),
  };
}

@InputType({ description: "Which of the viewer's chats to list." })
export class ChatsFilter {
  @Field(() => Boolean, { nullable: true, description: 'Archived chats (true), the others (false, the default), or all (null).' }) archived?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only pinned chats (true), only the others (false), or all (null, the default).' }) pinned?: boolean | null;
}

@ArgsType()
export class ChatsArgs extends ConnectionArgs {
  @Field(() => ChatsFilter, { nullable: true }) filter?: ChatsFilter | null;
}

/** The numbers behind a chat-or-user input. */
export function chatRef(input: { chatId?: string | null; withUserId?: string | null }): ChatRef {
  return { chatId: fromOptionalGlobalId(input.chatId, 'Chat', 'chatId'), withUserId: fromOptionalGlobalId(input.withUserId, 'User', 'withUserId') };
}

@InputType({ description: "The viewer's colour for a chat (by id, or the direct chat with a user)." })
export class SetChatColorInput {
  @Field(() => ID, { nullable: true, description: 'The chat (a Chat id); give this or withUserId.' }) chatId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user whose direct chat is meant (a User id); give this or chatId.' }) withUserId?: string | null;
  @Field({ description: '#rgb or #rrggbb.' }) color!: string;
}

@InputType({ description: 'Starts or stops "typing…" in a chat (by id, or the direct chat with a user).' })
export class SetTypingInput {
  @Field(() => ID, { nullable: true, description: 'The chat (a Chat id); give this or withUserId.' }) chatId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user whose direct chat is meant (a User id); give this or chatId.' }) withUserId?: string | null;
  @Field() typing!: boolean;
}

@InputType({ description: 'The conversation to hide from the viewer: a chat by id, or the direct chat with a user.' })
export class ClearChatHistoryInput {
  @Field(() => ID, { nullable: true, description: 'The chat (a Chat id); give this or withUserId.' }) chatId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The user whose direct chat is meant (a User id); give this or chatId.' }) withUserId?: string | null;
}

@InputType({ description: 'Pins or unpins a chat for the viewer.' })
export class SetChatPinnedInput {
  @Field(() => ID, { description: 'The chat (a Chat id).' }) chatId!: string;
  @Field() pinned!: boolean;
}

@InputType({ description: 'Archives or restores a chat for the viewer.' })
export class SetChatArchivedInput {
  @Field(() => ID, { description: 'The chat (a Chat id).' }) chatId!: string;
  @Field() archived!: boolean;
}

@InputType({ description: 'Marks a chat read up to a message.' })
export class MarkReadInput {
  @Field(() => ID, { description: 'The chat (a Chat id).' }) chatId!: string;
  @Field(() => ID, { nullable: true, description: 'The last message read (a Message id of the chat); default: the latest.' }) upToMessageId?: string | null;
}

@InputType({ description: 'A new group chat: its title and its members besides the viewer.' })
export class CreateGroupChatInput {
  @Field() title!: string;
  @Field(() => [ID], { description: 'User ids: at most 256.' }) userIds!: string[];
}

@InputType({ description: 'Users to add to a group chat.' })
export class AddParticipantsInput {
  @Field(() => ID, { description: 'The group chat (a Chat id).' }) chatId!: string;
  @Field(() => [ID], { description: 'User ids: at most 256.' }) userIds!: string[];
}

@InputType({ description: "New text for one of the viewer's messages." })
export class EditMessageInput {
  @Field(() => ID, { description: 'The message (a Message id).' }) messageId!: string;
  @Field() text!: string;
}

@InputType({ description: 'Stars or unstars a message for the viewer.' })
export class SetMessageStarredInput {
  @Field(() => ID, { description: 'The message (a Message id).' }) messageId!: string;
  @Field() starred!: boolean;
  @Field(() => ID, { nullable: true, description: 'The chat the message must be in (a Chat id), checked first when given.' }) chatId?: string | null;
  @Field(() => ID, { nullable: true, description: "The viewer's own participant in that chat (a ChatParticipant id), checked when given." }) participantId?: string | null;
}

/** The number of a required id argument. */
export const chatNumber = (id: string, field = 'chatId') => fromGlobalId(id, 'Chat', field);
export const messageNumber = (id: string, field = 'messageId') => fromGlobalId(id, 'Message', field);

/** The arguments of `messages`: a chat and the connection arguments (with `offset`, for the chat API's numbered pages). */
@ArgsType()
export class MessagesArgs extends OffsetConnectionArgs {
  @Field(() => ID, { description: 'The chat (a Chat id).' }) chatId!: string;
}
