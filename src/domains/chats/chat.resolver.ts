import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type Context, freshLoaders } from '../../graphql/context';
import { NotFoundError, nullIfNotFound } from '../../graphql/errors';
import { type ChatAudience, filterEvents, Topic, type TypingChange } from '../../graphql/pubsub';
import { toUser } from '../users/user.mapper';
import { requireViewer } from '../users/user.service';
import { User } from '../users/user.type';
import { listChats, MAX_CHAT_PAGE } from './chat-reading.service';
import { ChatsFilter } from './chat.input';
import { toChat, toMessage, toParticipant } from './chat.mapper';
import { findChatView } from './chat.repository';
import { addParticipants, archiveChat, createGroupChat, deleteConversation, leaveChat, markRead, pinChat, requireChat, setChatColor, setTyping } from './chat.service';
import { Chat, ChatPage, ChatParticipant, Message, TypingUpdate } from './chat.type';

/** How often, at most, a subscription not addressed by its chat's events checks that its viewer still takes part. */
const MEMBERSHIP_CHECK_MS = 1000;

/**
 * Events of one chat the viewer may see, checked when subscribing and again for every event. An
 * event of the chat not addressed to the viewer is skipped, and (at most once a second) checks
 * that they still take part: once they no longer do (removed, or left), the subscription ends with
 * requireChat's refusal. A removal that publishes `accessChanged` ends it at once (src/http/socket-sessions.ts).
 */
export async function chatEvents<T extends ChatAudience>(ctx: Context, chatId: number, topic: Topic.MessageAdded | Topic.MessageUpdated | Topic.TypingChanged) {
  await requireChat(ctx, chatId);
  const viewerId = requireViewer(ctx).userId;
  let checkedAt = 0;
  return filterEvents(ctx.pubsub.subscribe(topic) as AsyncIterable<T>, (event) => {
    if (event.chatId !== chatId) return false;
    if (event.userIds.includes(viewerId)) return true;
    if (Date.now() - checkedAt < MEMBERSHIP_CHECK_MS) return false;
    checkedAt = Date.now();
    return requireChat(ctx, chatId).then(() => false);
  });
}

@Resolver(() => Chat)
export class ChatResolver {
  @Authorized()
  @Query(() => ChatPage, { description: 'The viewer\'s chats, pinned first, then by last activity. Archived chats are listed apart: pass archived: true.' })
  async chats(
    @Ctx() ctx: Context,
    @Arg('filter', () => ChatsFilter, { nullable: true }) filter: ChatsFilter | null,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('pageSize', () => Int, { defaultValue: 20, description: `At most ${MAX_CHAT_PAGE}.` }) pageSize: number,
  ): Promise<ChatPage> {
    const { rows, hasMore } = await listChats(ctx, filter, page, pageSize);
    return { items: rows.map(toChat), hasMore };
  }

  @Authorized()
  @Query(() => Chat, { nullable: true, description: 'A chat the viewer takes part in.' })
  async chat(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Chat | null> {
    const row = await nullIfNotFound(requireChat(ctx, id));
    return row ? toChat(row) : null;
  }

  @FieldResolver(() => [ChatParticipant])
  async participants(@Root() chat: Chat, @Ctx() ctx: Context): Promise<ChatParticipant[]> {
    return (await ctx.loaders.chatParticipants.load(chat.id)).map(toParticipant);
  }

  @FieldResolver(() => Message, { nullable: true, description: 'The latest message the viewer can see.' })
  async lastMessage(@Root() chat: Chat, @Ctx() ctx: Context): Promise<Message | null> {
    if (chat.lastMessageId === null || chat.lastMessageId <= chat.hiddenUpTo) return null;
    const row = await ctx.loaders.message.load(chat.lastMessageId);
    return row ? toMessage(row) : null;
  }

  @FieldResolver(() => Int, { description: 'Messages from others the viewer has not read.' })
  unreadCount(@Root() chat: Chat, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.unreadCount.load(chat.participantId);
  }

  @FieldResolver(() => [Message], { description: 'The viewer\'s starred messages in this chat, newest first.' })
  async starredMessages(@Root() chat: Chat, @Ctx() ctx: Context): Promise<Message[]> {
    return (await ctx.loaders.starredMessages.load(chat.participantId)).map(toMessage);
  }

  @FieldResolver(() => [User], { description: 'Others typing now.' })
  async typing(@Root() chat: Chat, @Ctx() ctx: Context): Promise<User[]> {
    const viewerId = requireViewer(ctx).userId;
    const ids = (await ctx.loaders.typingUserIds.load(chat.id)).filter((id) => id !== viewerId);
    const rows = await ctx.loaders.user.loadMany(ids);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [toUser(row, ctx.viewer)] : []));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Pins or unpins a chat for the viewer; without `pinned` it toggles.' })
  async pinChat(@Ctx() ctx: Context, @Arg('chatId', () => Int) chatId: number, @Arg('pinned', () => Boolean, { nullable: true }) pinned: boolean | null): Promise<Chat> {
    return toChat(await pinChat(ctx, chatId, pinned ?? null));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Archives or restores a chat for the viewer; without `archived` it toggles.' })
  async archiveChat(@Ctx() ctx: Context, @Arg('chatId', () => Int) chatId: number, @Arg('archived', () => Boolean, { nullable: true }) archived: boolean | null): Promise<Chat> {
    return toChat(await archiveChat(ctx, chatId, archived ?? null));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Sets the viewer\'s colour for a chat (by id, or the direct chat with a user): #rgb or #rrggbb.' })
  async setChatColor(
    @Ctx() ctx: Context,
    @Arg('color') color: string,
    @Arg('chatId', () => Int, { nullable: true }) chatId: number | null,
    @Arg('withUserId', () => Int, { nullable: true }) withUserId: number | null,
  ): Promise<Chat> {
    return toChat(await setChatColor(ctx, { chatId, withUserId }, color));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Marks the chat read up to a message (default: the latest).' })
  async markRead(@Ctx() ctx: Context, @Arg('chatId', () => Int) chatId: number, @Arg('upToMessageId', () => Int, { nullable: true }) upTo: number | null): Promise<Chat> {
    return toChat(await markRead(ctx, chatId, upTo ?? null));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Starts or stops "typing…" (by chat id, or the direct chat with a user). It lapses after 10 seconds unless renewed.' })
  setTyping(
    @Ctx() ctx: Context,
    @Arg('typing') typing: boolean,
    @Arg('chatId', () => Int, { nullable: true }) chatId: number | null,
    @Arg('withUserId', () => Int, { nullable: true }) withUserId: number | null,
  ): Promise<boolean> {
    return setTyping(ctx, { chatId, withUserId }, typing);
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Creates a group chat of the viewer (its admin) and the given users. FORBIDDEN when one of them refuses being added by the viewer (a block either way, or their message privacy).' })
  async createGroupChat(@Ctx() ctx: Context, @Arg('title') title: string, @Arg('userIds', () => [Int]) userIds: number[]): Promise<Chat> {
    return toChat(await createGroupChat(ctx, title, userIds));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Adds users to a group chat (its admins only). FORBIDDEN when one of them refuses being added by the viewer (a block either way, or their message privacy).' })
  async addParticipants(@Ctx() ctx: Context, @Arg('chatId', () => Int) chatId: number, @Arg('userIds', () => [Int]) userIds: number[]): Promise<Chat> {
    return toChat(await addParticipants(ctx, chatId, userIds));
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'Leaves a group chat: the viewer no longer reads it or receives its events. The last admin leaving makes the longest-standing member admin. Answers the chat\'s id.',
  })
  leaveChat(@Ctx() ctx: Context, @Arg('chatId', () => Int) chatId: number): Promise<number> {
    return leaveChat(ctx, chatId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Hides a conversation\'s history from the viewer only (by chat id, or the direct chat with a user). Later messages show.' })
  deleteConversation(
    @Ctx() ctx: Context,
    @Arg('chatId', () => Int, { nullable: true }) chatId: number | null,
    @Arg('withUserId', () => Int, { nullable: true }) withUserId: number | null,
  ): Promise<boolean> {
    return deleteConversation(ctx, { chatId, withUserId });
  }

  @Subscription(() => TypingUpdate, {
    subscribe: ({ args, context }) => chatEvents<TypingChange>(context as Context, args.chatId as number, Topic.TypingChanged),
    description: 'Someone starts or stops typing in a chat the viewer takes part in (also when "typing…" lapses).',
  })
  typingChanged(@Root() change: TypingChange, @Arg('chatId', () => Int) _chatId: number): TypingUpdate {
    return { chatId: change.chatId, userId: change.userId, typing: change.typing, expiresAt: change.expiresAt ? new Date(change.expiresAt) : null };
  }

  @Subscription(() => Chat, {
    subscribe: ({ context }) => {
      const viewerId = requireViewer(context as Context).userId;
      return filterEvents((context as Context).pubsub.subscribe(Topic.ChatUpdated), (event: ChatAudience) => event.userIds.includes(viewerId));
    },
    description: 'Any of the viewer\'s chats changed: a new message, unread count, pin, archive, colour or participants.',
  })
  async chatUpdated(@Root() event: ChatAudience, @Ctx() ctx: Context): Promise<Chat> {
    freshLoaders(ctx);
    const row = await findChatView(ctx.db, event.chatId, requireViewer(ctx).userId);
    if (!row) throw new NotFoundError(`Chat ${event.chatId} does not exist`);
    return toChat(row);
  }
}

@Resolver(() => ChatParticipant)
export class ChatParticipantResolver {
  @FieldResolver(() => User)
  async user(@Root() participant: ChatParticipant, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(participant.userId))!, ctx.viewer);
  }
}
