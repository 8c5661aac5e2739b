import { Arg, Args, Authorized, Ctx, Extensions, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { fromOptionalGlobalId, toGlobalId } from '../../graphql/node';
import type { Connection } from '../../graphql/connection';
import { freshLoaders } from '../../graphql/context';
import { SHARED_ACROSS_VIEWERS } from '../../graphql/shared-subscriptions';
import { type MessageChange, Topic } from '../../graphql/pubsub';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { MAX_SEARCH_RESULTS, messagePage, searchChat, unreadTotal } from './chat-reading.service';
import { chatNumber, EditMessageInput, messageDraft, MessagesArgs, messageNumber, SendMessageInput, SetMessageStarredInput } from './chat.input';
import { toChat, toMessage } from './chat.mapper';
import { chatEvents } from './chat.resolver';
import { requireChat } from './chat.service';
import { deleteMessage, editMessage, sendMessage, setMessageStarred } from './message.service';
import { Chat, Message, MessageConnection } from './chat.type';
import type { Context } from '../../graphql/context.types';

@Resolver(() => Message)
export class MessageResolver {
  @Authorized()
  @Query(() => MessageConnection, {
    description:
      "A chat's live messages, oldest to newest (keyset on the message): first/after page towards newer messages, last/before towards older ones; with none of them, the newest 20. offset skips that many first (from the newest end with last).",
  })
  messages(@Ctx() ctx: Context, @Args(() => MessagesArgs) args: MessagesArgs): Promise<Connection<Message>> {
    return messagePage(ctx, chatNumber(args.chatId), args);
  }

  @Authorized()
  @Query(() => [Message], {
    description: `Full-text search in a chat: the best \`first\` matches (at most ${MAX_SEARCH_RESULTS}), best match first, then newest. The text is taken as words (the last one as a prefix), never as query syntax.`,
  })
  async searchMessages(
    @Ctx() ctx: Context,
    @Arg('chatId', () => ID, { description: 'The chat (a Chat id).' }) chatId: string,
    @Arg('query') query: string,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many matches, at most ${MAX_SEARCH_RESULTS}.` }) first: number,
  ): Promise<Message[]> {
    return (await searchChat(ctx, chatNumber(chatId), query, first)).map(toMessage);
  }

  @Authorized()
  @Query(() => Int, { description: "Unread messages over all the viewer's chats." })
  unreadCount(@Ctx() ctx: Context): Promise<number> {
    return unreadTotal(ctx);
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @FieldResolver(() => User)
  async sender(@Root() message: Message, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(message.senderId))!, ctx.viewer);
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @FieldResolver(() => Message, { nullable: true })
  async replyTo(@Root() message: Message, @Ctx() ctx: Context): Promise<Message | null> {
    if (message.replyToId === null) return null;
    const row = await ctx.loaders.message.load(message.replyToId);
    return row ? toMessage(row) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Starred by the viewer.' })
  starred(@Root() message: Message, @Ctx() ctx: Context): Promise<boolean> | boolean {
    return ctx.viewer ? ctx.loaders.starred.load(`${ctx.viewer.userId}:${message.id}`) : false;
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Sends a message. A repeated hashId from the same sender returns the first message instead of a copy.' })
  async sendMessage(@Ctx() ctx: Context, @Arg('input', () => SendMessageInput) input: SendMessageInput): Promise<Message> {
    return toMessage(await sendMessage(ctx, messageDraft(input)));
  }

  @Authorized()
  @Mutation(() => Message, { description: "Changes the text of one's own message." })
  async editMessage(@Ctx() ctx: Context, @Arg('input', () => EditMessageInput) input: EditMessageInput): Promise<Message> {
    return toMessage(await editMessage(ctx, messageNumber(input.messageId), input.text));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes one's own message for everyone (subscribers of messageUpdated get its tombstone). Answers its id." })
  async deleteMessage(@Ctx() ctx: Context, @Arg('messageId', () => ID, { description: 'The message (a Message id).' }) messageId: string): Promise<string> {
    return toGlobalId('Message', (await deleteMessage(ctx, messageNumber(messageId))).id);
  }

  @FieldResolver(() => Chat, { description: 'The chat as the viewer sees it.' })
  async chat(@Root() message: Message, @Ctx() ctx: Context): Promise<Chat> {
    const view = ctx.viewer ? await ctx.loaders.chatView.load(`${ctx.viewer.userId}:${message.chatId}`) : null;
    return toChat(view ?? (await requireChat(ctx, message.chatId)));
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Stars or unstars a message for the viewer.' })
  async setMessageStarred(@Ctx() ctx: Context, @Arg('input', () => SetMessageStarredInput) input: SetMessageStarredInput): Promise<Message> {
    const messageId = messageNumber(input.messageId);
    const chatId = fromOptionalGlobalId(input.chatId, 'Chat', 'chatId') ?? undefined;
    const participantId = fromOptionalGlobalId(input.participantId, 'ChatParticipant', 'participantId') ?? undefined;
    return toMessage(await setMessageStarred(ctx, messageId, input.starred, { chatId, participantId }));
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @Subscription(() => Message, {
    subscribe: ({ args, context }) => chatEvents<MessageChange>(context as Context, chatNumber((args as { chatId: string }).chatId), Topic.MessageAdded),
    description: 'New messages in a chat the viewer takes part in, from GraphQL or either REST API.',
  })
  messageAdded(@Root() change: MessageChange, @Ctx() ctx: Context, @Arg('chatId', () => ID, { description: 'The chat (a Chat id).' }) _chatId: string): Message {
    freshLoaders(ctx);
    return toMessage(change.message);
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @Subscription(() => Message, {
    subscribe: ({ args, context }) => chatEvents<MessageChange>(context as Context, chatNumber((args as { chatId: string }).chatId), Topic.MessageUpdated),
    description: 'Edited and deleted messages in a chat the viewer takes part in (a deleted one arrives with deleted: true).',
  })
  messageUpdated(@Root() change: MessageChange, @Ctx() ctx: Context, @Arg('chatId', () => ID, { description: 'The chat (a Chat id).' }) _chatId: string): Message {
    freshLoaders(ctx);
    return toMessage(change.message);
  }
}
