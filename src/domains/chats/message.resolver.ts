import { Arg, Authorized, Ctx, Extensions, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type Context, freshLoaders } from '../../graphql/context';
import { SHARED_ACROSS_VIEWERS } from '../../graphql/shared-subscriptions';
import { type MessageChange, Topic } from '../../graphql/pubsub';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { LEGACY_MESSAGE_PAGE, MAX_MESSAGE_PAGE, messageCursor, messageSlice, messagesByPage, searchChat, unreadTotal } from './chat-reading.service';
import { SendMessageInput } from './chat.input';
import { toChat, toMessage } from './chat.mapper';
import { chatEvents } from './chat.resolver';
import { requireChat } from './chat.service';
import { deleteMessage, editMessage, sendMessage, starMessage } from './message.service';
import { Chat, Message, MessageConnection, MessagePage } from './chat.type';

@Resolver(() => Message)
export class MessageResolver {
  @Authorized()
  @Query(() => MessageConnection, { description: 'A chat\'s messages, oldest to newest. first/after page towards newer, last/before towards older; no arguments: the newest 20.' })
  async messages(
    @Ctx() ctx: Context,
    @Arg('chatId', () => Int) chatId: number,
    @Arg('first', () => Int, { nullable: true, description: `At most ${MAX_MESSAGE_PAGE}.` }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('last', () => Int, { nullable: true, description: `At most ${MAX_MESSAGE_PAGE}.` }) last: number | null,
    @Arg('before', () => String, { nullable: true }) before: string | null,
  ): Promise<MessageConnection> {
    const slice = await messageSlice(ctx, chatId, { first, after, last, before });
    for (const row of slice.rows) ctx.loaders.message.prime(row.id, row);
    const edges = slice.rows.map((row) => ({ cursor: messageCursor(row.id), node: toMessage(row) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: slice.hasNextPage,
        hasPreviousPage: slice.hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  @Authorized()
  @Query(() => MessagePage, { description: 'A chat\'s messages by numbered page, newest first (the chat API\'s paging).' })
  async messagesByPage(
    @Ctx() ctx: Context,
    @Arg('chatId', () => Int) chatId: number,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { defaultValue: LEGACY_MESSAGE_PAGE }) pageSize: number,
  ): Promise<MessagePage> {
    const { rows, hasMore } = await messagesByPage(ctx, chatId, page, pageSize);
    return { items: rows.map(toMessage), hasMore };
  }

  @Authorized()
  @Query(() => [Message], { description: 'Full-text search in a chat: best match first, then newest. The text is taken as words (the last one as a prefix), never as query syntax.' })
  async searchMessages(
    @Ctx() ctx: Context,
    @Arg('chatId', () => Int) chatId: number,
    @Arg('query') query: string,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<Message[]> {
    return (await searchChat(ctx, chatId, query, limit)).map(toMessage);
  }

  @Authorized()
  @Query(() => Int, { description: 'Unread messages over all the viewer\'s chats.' })
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
    return toMessage(await sendMessage(ctx, input));
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Changes the text of one\'s own message.' })
  async editMessage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('text') text: string): Promise<Message> {
    return toMessage(await editMessage(ctx, id, text));
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Deletes one\'s own message for everyone; the answer is its tombstone.' })
  async deleteMessage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Message> {
    return toMessage(await deleteMessage(ctx, id));
  }

  @FieldResolver(() => Chat, { description: 'The chat as the viewer sees it.' })
  async chat(@Root() message: Message, @Ctx() ctx: Context): Promise<Chat> {
    const view = ctx.viewer ? await ctx.loaders.chatView.load(`${ctx.viewer.userId}:${message.chatId}`) : null;
    return toChat(view ?? (await requireChat(ctx, message.chatId)));
  }

  @Authorized()
  @Mutation(() => Message, { description: 'Stars or unstars a message for the viewer; without `starred` it toggles.' })
  async starMessage(
    @Ctx() ctx: Context,
    @Arg('id', () => Int) id: number,
    @Arg('starred', () => Boolean, { nullable: true }) starred: boolean | null,
    @Arg('chatId', () => Int, { nullable: true, description: 'The chat the message must be in.' }) chatId: number | null,
    @Arg('participantId', () => Int, { nullable: true, description: 'The viewer\'s participant id, checked when given.' }) participantId: number | null,
  ): Promise<Message> {
    return toMessage(await starMessage(ctx, id, starred ?? null, { chatId: chatId ?? undefined, participantId: participantId ?? undefined }));
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @Subscription(() => Message, {
    subscribe: ({ args, context }) => chatEvents<MessageChange>(context as Context, args.chatId as number, Topic.MessageAdded),
    description: 'New messages in a chat the viewer takes part in, from GraphQL or either REST API.',
  })
  messageAdded(@Root() change: MessageChange, @Ctx() ctx: Context, @Arg('chatId', () => Int) _chatId: number): Message {
    freshLoaders(ctx);
    return toMessage(change.message);
  }

  @Extensions(SHARED_ACROSS_VIEWERS)
  @Subscription(() => Message, {
    subscribe: ({ args, context }) => chatEvents<MessageChange>(context as Context, args.chatId as number, Topic.MessageUpdated),
    description: 'Edited and deleted messages in a chat the viewer takes part in (a deleted one arrives with deleted: true).',
  })
  messageUpdated(@Root() change: MessageChange, @Ctx() ctx: Context, @Arg('chatId', () => Int) _chatId: number): Message {
    freshLoaders(ctx);
    return toMessage(change.message);
  }
}
