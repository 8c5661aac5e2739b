import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { fromGlobalIds, fromOptionalGlobalId, toGlobalId } from '../../graphql/node';
import type { Connection } from '../../graphql/connection';
import { freshLoaders } from '../../graphql/context';
import { nullIfNotFound } from '../../errors';
import { type ChatAudience, filterEvents, Topic, type TypingChange } from '../../graphql/pubsub';
import { toUser } from '../users/user.mapper';
import { requireViewer } from '../shared/viewer.guard';
import { User } from '../users/user.type';
import { listChats } from './chat-reading.service';
import {
  AddParticipantsInput,
  ChatsArgs,
  chatNumber,
  chatRef,
  CreateGroupChatInput,
  ClearChatHistoryInput,
  MarkReadInput,
  SetChatArchivedInput,
  SetChatColorInput,
  SetChatPinnedInput,
  SetTypingInput,
} from './chat.input';
import { toChat, toMessage, toParticipant } from './chat.mapper';
import {
  addParticipants,
  chatOfEvent,
  createGroupChat,
  MAX_GROUP_SIZE,
  clearChatHistory,
  leaveChat,
  markRead,
  requireChat,
  setChatArchived,
  setChatColor,
  setChatPinned,
  setTyping,
} from './chat.service';
import { Chat, ChatConnection, ChatParticipant, Message, TypingUpdate } from './chat.type';
import type { Context } from '../../graphql/context.types';

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
  @Query(() => ChatConnection, {
    description: "The viewer's chats, pinned first, then by last activity (newest first). Archived chats are listed apart: pass filter: { archived: true }.",
  })
  chats(@Ctx() ctx: Context, @Args(() => ChatsArgs) args: ChatsArgs): Promise<Connection<Chat>> {
    return listChats(ctx, args.filter ?? null, args);
  }

  @Authorized()
  @Query(() => Chat, { nullable: true, description: 'A chat the viewer takes part in.' })
  async chat(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Chat | null> {
    const row = await nullIfNotFound(requireChat(ctx, chatNumber(id, 'id')));
    return row ? toChat(row) : null;
  }

  @FieldResolver(() => [ChatParticipant], { description: `The chat's participants, in the order they joined: at most ${MAX_GROUP_SIZE}.` })
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

  @FieldResolver(() => [Message], { description: "The viewer's starred messages in this chat, newest first." })
  async starredMessages(@Root() chat: Chat, @Ctx() ctx: Context): Promise<Message[]> {
    return (await ctx.loaders.starredMessages.load(chat.participantId)).map(toMessage);
  }

  @FieldResolver(() => [User], { description: `Others typing now: at most the chat's participants (${MAX_GROUP_SIZE}).` })
  async typing(@Root() chat: Chat, @Ctx() ctx: Context): Promise<User[]> {
    const viewerId = requireViewer(ctx).userId;
    const ids = (await ctx.loaders.typingUserIds.load(chat.id)).filter((id) => id !== viewerId);
    const rows = await ctx.loaders.user.loadMany(ids);
    return rows.flatMap((row) => (row && !(row instanceof Error) ? [toUser(row, ctx.viewer)] : []));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Pins or unpins a chat for the viewer.' })
  async setChatPinned(@Ctx() ctx: Context, @Arg('input', () => SetChatPinnedInput) input: SetChatPinnedInput): Promise<Chat> {
    return toChat(await setChatPinned(ctx, chatNumber(input.chatId), input.pinned));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Archives or restores a chat for the viewer.' })
  async setChatArchived(@Ctx() ctx: Context, @Arg('input', () => SetChatArchivedInput) input: SetChatArchivedInput): Promise<Chat> {
    return toChat(await setChatArchived(ctx, chatNumber(input.chatId), input.archived));
  }

  @Authorized()
  @Mutation(() => Chat, { description: "Sets the viewer's colour for a chat (by id, or the direct chat with a user, created if need be): #rgb or #rrggbb." })
  async setChatColor(@Ctx() ctx: Context, @Arg('input', () => SetChatColorInput) input: SetChatColorInput): Promise<Chat> {
    return toChat(await setChatColor(ctx, chatRef(input), input.color));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Marks the chat read up to a message (default: the latest).' })
  async markRead(@Ctx() ctx: Context, @Arg('input', () => MarkReadInput) input: MarkReadInput): Promise<Chat> {
    const chatId = chatNumber(input.chatId);
    return toChat(await markRead(ctx, chatId, fromOptionalGlobalId(input.upToMessageId, 'Message', 'upToMessageId')));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Starts or stops "typing…" (by chat id, or the direct chat with a user). It lapses after 10 seconds unless renewed. Answers typing.' })
  setTyping(@Ctx() ctx: Context, @Arg('input', () => SetTypingInput) input: SetTypingInput): Promise<boolean> {
    return setTyping(ctx, chatRef(input), input.typing);
  }

  @Authorized()
  @Mutation(() => Chat, {
    description: 'Creates a group chat of the viewer (its admin) and the given users. FORBIDDEN when one of them refuses being added by the viewer (a block either way, or their message privacy).',
  })
  async createGroupChat(@Ctx() ctx: Context, @Arg('input', () => CreateGroupChatInput) input: CreateGroupChatInput): Promise<Chat> {
    return toChat(await createGroupChat(ctx, input.title, fromGlobalIds(input.userIds, 'User', 'userIds')));
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Adds users to a group chat (its admins only). FORBIDDEN when one of them refuses being added by the viewer (a block either way, or their message privacy).' })
  async addParticipants(@Ctx() ctx: Context, @Arg('input', () => AddParticipantsInput) input: AddParticipantsInput): Promise<Chat> {
    const chatId = chatNumber(input.chatId);
    return toChat(await addParticipants(ctx, chatId, fromGlobalIds(input.userIds, 'User', 'userIds')));
  }

  @Authorized()
  @Mutation(() => ID, {
    description: "Leaves a group chat: the viewer no longer reads it or receives its events. The last admin leaving makes the longest-standing member admin. Answers the chat's id.",
  })
  async leaveChat(@Ctx() ctx: Context, @Arg('chatId', () => ID) chatId: string): Promise<string> {
    return toGlobalId('Chat', await leaveChat(ctx, chatNumber(chatId)));
  }

  @Authorized()
  @Mutation(() => ID, {
    nullable: true,
    description:
      "Clears a chat's history for the viewer only (by chat id, or the direct chat with a user): the messages so far are hidden from them, the chat stays and later messages show. " +
      "Nothing is deleted; the social API's delete-conversation. Answers the chat's id, or null when there is no chat with that user (nothing to clear).",
  })
  async clearChatHistory(@Ctx() ctx: Context, @Arg('input', () => ClearChatHistoryInput) input: ClearChatHistoryInput): Promise<string | null> {
    const chatId = await clearChatHistory(ctx, chatRef(input));
    return chatId === null ? null : toGlobalId('Chat', chatId);
  }

  @Subscription(() => TypingUpdate, {
    subscribe: ({ args, context }) => chatEvents<TypingChange>(context as Context, chatNumber((args as { chatId: string }).chatId), Topic.TypingChanged),
    description: 'Someone starts or stops typing in a chat the viewer takes part in (also when "typing…" lapses).',
  })
  typingChanged(@Root() change: TypingChange, @Arg('chatId', () => ID, { description: 'The chat (a Chat id).' }) _chatId: string): TypingUpdate {
    return { chatId: change.chatId, userId: change.userId, typing: change.typing, expiresAt: change.expiresAt ? new Date(change.expiresAt) : null };
  }

  @Subscription(() => Chat, {
    subscribe: ({ context }) => {
      const viewerId = requireViewer(context as Context).userId;
      return filterEvents((context as Context).pubsub.subscribe(Topic.ChatUpdated), (event: ChatAudience) => event.userIds.includes(viewerId));
    },
    description: "Any of the viewer's chats changed: a new message, unread count, pin, archive, colour or participants.",
  })
  async chatUpdated(@Root() event: ChatAudience, @Ctx() ctx: Context): Promise<Chat> {
    freshLoaders(ctx);
    return toChat(await chatOfEvent(ctx, event.chatId));
  }
}

@Resolver(() => ChatParticipant)
export class ChatParticipantResolver {
  @FieldResolver(() => User)
  async user(@Root() participant: ChatParticipant, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(participant.userId))!, ctx.viewer);
  }
}
