import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors';
import { accessChanged, Topic } from '../../graphql/pubsub';
import { blockBetween } from '../social/graph/block.repository';
import { findLiveUserIds } from '../users/user.repository';
import { requireOtherUser } from '../users/user.service';
import { UserStatus } from '../users/user-status';
import type { ChatRef } from './chat.input';
import type { ChatViewRow } from './chat.row';
import {
  deleteParticipant,
  directKey,
  findChat,
  findChatView,
  findDirectChatId,
  insertChat,
  insertDirectChat,
  insertParticipants,
  participantRoles,
  participantUserIds,
  requireDirectChatId,
  updateParticipant,
} from './chat.repository';
import { deleteTyping, upsertTyping } from './chat-typing.repository';
import { deleteStarsOfParticipant } from './message.repository';
import { ChatType } from './chat.type';
import { assertMayAdd, assertMayMessage } from './messaging.guard';
import { requireViewer } from '../shared/viewer.guard';

/** The most participants a chat holds. */
export const MAX_GROUP_SIZE = 256;
const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The chat as the viewer sees it. A group chat the viewer is not in is FORBIDDEN; a direct chat of
 * two other people is NOT_FOUND, like a chat that does not exist, so who talks to whom does not leak.
 */
export async function requireChat(ctx: Context, chatId: number): Promise<ChatViewRow> {
  const viewer = requireViewer(ctx);
  const view = await findChatView(ctx.db, chatId, viewer.userId);
  return view ?? refuseChat(ctx, chatId);
}

/** The chat as the viewer sees it for one of its events: NOT_FOUND once they no longer take part. */
export async function chatOfEvent(ctx: Context, chatId: number): Promise<ChatViewRow> {
  const view = await findChatView(ctx.db, chatId, requireViewer(ctx).userId);
  if (!view) throw new NotFoundError(`Chat ${chatId} does not exist`);
  return view;
}

/** The error for a chat the viewer is not in (see requireChat). */
export async function refuseChat(ctx: Context, chatId: number): Promise<never> {
  const chat = await findChat(ctx.db, chatId);
  if (chat?.type === ChatType.GROUP) throw new ForbiddenError('You are not a participant of this chat');
  throw new NotFoundError(`Chat ${chatId} does not exist`);
}

/**
 * The viewer's chat named by a ref: by id, or the direct chat with a user. `create` makes the
 * direct chat when it does not exist yet, if the viewer may message the user; otherwise a missing
 * one is null.
 */
export async function chatByRef(ctx: Context, ref: ChatRef, options: { create: boolean }): Promise<ChatViewRow | null> {
  if ((ref.chatId == null) === (ref.withUserId == null)) throw new BadUserInputError('Give either chatId or withUserId');
  if (ref.chatId != null) return requireChat(ctx, ref.chatId);
  const viewer = requireViewer(ctx);
  await requireOtherUser(ctx, ref.withUserId!, 'chat with', 'withUserId');
  let chatId = await findDirectChatId(ctx.db, viewer.userId, ref.withUserId!);
  if (chatId === null) {
    if (!options.create) return null;
    await assertMayMessage(ctx, viewer.userId, ref.withUserId!, null);
    chatId = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      const id = await openDirectChat(trx, viewer.userId, ref.withUserId!);
      await record('chat.created', { chat: [id], user: [viewer.userId, ref.withUserId!] }, viewer.userId);
      return id;
    });
  }
  return (await findChatView(ctx.db, chatId, viewer.userId))!;
}

/** The direct chat of two users, created with both participants if it does not exist (race-safe). */
export async function openDirectChat(trx: Transaction<DB>, from: number, to: number): Promise<number> {
  const now = new Date().toISOString();
  const created = await insertDirectChat(trx, { type: ChatType.DIRECT, direct_key: directKey(from, to), created_by: from, last_activity_at: now, created_at: now });
  if (created === undefined) return requireDirectChatId(trx, from, to);
  await insertParticipants(
    trx,
    [from, to].map((user_id) => ({ chat_id: created, user_id, joined_at: now })),
  );
  return created;
}

type ParticipantSettings = Partial<{ pinned: number; archived: number; color: string | null; last_read_message_id: number; deleted_up_to_message_id: number }>;

/** Changes the viewer's own settings of a chat, records chat.updated, and tells the viewer's other sessions. */
async function updateOwnView(ctx: Context, chat: ChatViewRow, settings: ParticipantSettings): Promise<ChatViewRow> {
  const viewer = requireViewer(ctx);
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await updateParticipant(trx, chat.participant_id, settings);
    await record('chat.updated', { chat: [chat.id], user: [viewer.userId] }, viewer.userId);
  });
  ctx.pubsub.publish(Topic.ChatUpdated, { chatId: chat.id, userIds: [viewer.userId] });
  return (await findChatView(ctx.db, chat.id, viewer.userId))!;
}

/** Pins or unpins a chat for the viewer. */
export async function setChatPinned(ctx: Context, chatId: number, pinned: boolean): Promise<ChatViewRow> {
  const chat = await requireChat(ctx, chatId);
  return updateOwnView(ctx, chat, { pinned: pinned ? 1 : 0 });
}

/** Archives or restores a chat for the viewer. */
export async function setChatArchived(ctx: Context, chatId: number, archived: boolean): Promise<ChatViewRow> {
  const chat = await requireChat(ctx, chatId);
  return updateOwnView(ctx, chat, { archived: archived ? 1 : 0 });
}

/** Sets the viewer's colour for a chat: `#rgb` or `#rrggbb`, kept as lower-case `#rrggbb`. */
export async function setChatColor(ctx: Context, ref: ChatRef, color: string): Promise<ChatViewRow> {
  const value = color.trim();
  if (!COLOR.test(value)) throw new BadUserInputError('color must be a hex colour such as #ffffff', 'color');
  const hex = value.length === 4 ? `#${[...value.slice(1)].map((c) => c + c).join('')}` : value;
  const chat = (await chatByRef(ctx, ref, { create: true }))!;
  return updateOwnView(ctx, chat, { color: hex.toLowerCase() });
}

/** Marks the chat read for the viewer up to a message (default: the latest). The mark never moves back. */
export async function markRead(ctx: Context, chatId: number, upToMessageId: number | null): Promise<ChatViewRow> {
  const chat = await requireChat(ctx, chatId);
  let target = chat.last_message_id ?? 0;
  if (upToMessageId != null) {
    const message = await ctx.loaders.message.load(upToMessageId);
    if (!message || message.chat_id !== chat.id) throw new BadUserInputError(`Message ${upToMessageId} is not in chat ${chatId}`, 'upToMessageId');
    target = message.id;
  }
  if (target <= (chat.last_read_message_id ?? 0)) return chat;
  return updateOwnView(ctx, chat, { last_read_message_id: target });
}

/**
 * Hides the conversation's history from the viewer only (the social API's delete-conversation).
 * Later messages show again. A conversation that never started is already empty: nothing to do.
 * Answers the chat's id, or null when there is no direct chat with the user.
 */
export async function clearChatHistory(ctx: Context, ref: ChatRef): Promise<number | null> {
  const chat = await chatByRef(ctx, ref, { create: false });
  if (!chat || chat.last_message_id === null) return chat?.id ?? null;
  await updateOwnView(ctx, chat, { deleted_up_to_message_id: chat.last_message_id, last_read_message_id: chat.last_message_id, pinned: 0 });
  return chat.id;
}

/**
 * Starts or stops "typing…" for the viewer. Typing lapses after TYPING_TIMEOUT_SECONDS unless renewed, so
 * a client that goes away does not leave it on. For a direct chat that does not exist yet there is
 * nobody to tell: nothing happens; nor in a direct chat across a block (either way), where no
 * message may go either.
 */
export async function setTyping(ctx: Context, ref: ChatRef, typing: boolean): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const chat = await chatByRef(ctx, ref, { create: false });
  if (!chat) return typing;
  if (chat.type === ChatType.DIRECT) {
    const other = (await participantUserIds(ctx.db, chat.id)).find((id) => id !== viewer.userId);
    if (other !== undefined && (await blockBetween(ctx.db, viewer.userId, other))) return typing;
  }
  const expiresAt = typing ? new Date(Date.now() + ctx.config.typingTimeoutSeconds * 1000).toISOString() : null;
  if (expiresAt) await upsertTyping(ctx.db, chat.id, viewer.userId, expiresAt);
  else await deleteTyping(ctx.db, chat.id, viewer.userId);
  const userIds = await participantUserIds(ctx.db, chat.id);
  ctx.pubsub.publish(Topic.TypingChanged, { chatId: chat.id, userId: viewer.userId, typing, expiresAt, userIds });
  return typing;
}

/** Checks a list of users to add to a group: distinct, existing, not the viewer. */
async function groupMembers(ctx: Context, userIds: readonly number[], except: Set<number>): Promise<number[]> {
  const ids = [...new Set(userIds)].filter((id) => !except.has(id));
  if (ids.length === 0) return [];
  const found = await findLiveUserIds(ctx.db, ids, UserStatus.DELETED);
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new NotFoundError(`User ${missing.join(', ')} does not exist`);
  return ids;
}

/** Creates a group chat of the viewer (its admin) and the given users, each of whom must accept being added by the viewer. */
export async function createGroupChat(ctx: Context, title: string, userIds: readonly number[]): Promise<ChatViewRow> {
  const viewer = requireViewer(ctx);
  const name = title.trim();
  if (name.length === 0 || name.length > 100) throw new BadUserInputError('title must be 1-100 characters', 'title');
  const members = await groupMembers(ctx, userIds, new Set([viewer.userId]));
  if (members.length === 0) throw new BadUserInputError('A group needs at least one other user', 'userIds');
  if (members.length + 1 > MAX_GROUP_SIZE) throw new BadUserInputError(`A group holds at most ${MAX_GROUP_SIZE} users`, 'userIds');
  await assertMayAdd(ctx, viewer.userId, members);
  const chatId = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const id = await insertChat(trx, { type: ChatType.GROUP, title: name, created_by: viewer.userId, last_activity_at: now, created_at: now });
    await insertParticipants(trx, [{ chat_id: id, user_id: viewer.userId, role: 'admin', joined_at: now }, ...members.map((user_id) => ({ chat_id: id, user_id, role: 'member', joined_at: now }))]);
    await record('chat.created', { chat: [id], user: [viewer.userId, ...members] }, viewer.userId);
    return id;
  });
  ctx.pubsub.publish(Topic.ChatUpdated, { chatId, userIds: [viewer.userId, ...members] });
  return (await findChatView(ctx.db, chatId, viewer.userId))!;
}

/** Adds users to a group chat; only its admins may, and each added user must accept being added by them. Users already in it are skipped. */
export async function addParticipants(ctx: Context, chatId: number, userIds: readonly number[]): Promise<ChatViewRow> {
  const viewer = requireViewer(ctx);
  const chat = await requireChat(ctx, chatId);
  if (chat.type !== ChatType.GROUP) throw new BadUserInputError('Only group chats take more participants', 'chatId');
  if (chat.participant_role !== 'admin') throw new ForbiddenError("Only the group's admins may add participants");
  const current = new Set(await participantUserIds(ctx.db, chatId));
  const added = await groupMembers(ctx, userIds, current);
  if (current.size + added.length > MAX_GROUP_SIZE) throw new BadUserInputError(`A group holds at most ${MAX_GROUP_SIZE} users`, 'userIds');
  if (added.length === 0) return chat;
  await assertMayAdd(ctx, viewer.userId, added);
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    // Newcomers start with the history read, so they do not inherit an unread backlog.
    await insertParticipants(
      trx,
      added.map((user_id) => ({ chat_id: chatId, user_id, joined_at: now, last_read_message_id: chat.last_message_id })),
    );
    await record('chat.updated', { chat: [chatId], user: added }, viewer.userId);
  });
  ctx.pubsub.publish(Topic.ChatUpdated, { chatId, userIds: [...current, ...added] });
  return (await findChatView(ctx.db, chatId, viewer.userId))!;
}

/**
 * The viewer leaves a group chat: their participant row, stars and "typing…" go, so they no longer
 * read it or receive its events (each event's audience is the participants when it is published).
 * When the last admin leaves, the longest-standing member becomes admin. When the last participant
 * leaves, the chat and its history stay in the database, readable by nobody. Answers the chat's id.
 */
export async function leaveChat(ctx: Context, chatId: number): Promise<number> {
  const viewer = requireViewer(ctx);
  const chat = await requireChat(ctx, chatId);
  if (chat.type !== ChatType.GROUP) throw new BadUserInputError('Only a group chat can be left; clearChatHistory hides a conversation', 'chatId');
  const { remaining, wasTyping } = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await deleteStarsOfParticipant(trx, chat.participant_id);
    const typing = await deleteTyping(trx, chatId, viewer.userId);
    await deleteParticipant(trx, chat.participant_id);
    const rest = await participantRoles(trx, chatId);
    if (rest.length > 0 && !rest.some((row) => row.role === 'admin')) await updateParticipant(trx, rest[0].id, { role: 'admin' });
    await record('chat.updated', { chat: [chatId], user: [viewer.userId] }, viewer.userId);
    return { remaining: rest.map((row) => row.user_id), wasTyping: typing };
  });
  if (remaining.length > 0) {
    ctx.pubsub.publish(Topic.ChatUpdated, { chatId, userIds: remaining });
    if (wasTyping) ctx.pubsub.publish(Topic.TypingChanged, { chatId, userId: viewer.userId, typing: false, expiresAt: null, userIds: remaining });
  }
  accessChanged(ctx, [viewer.userId]);
  return chatId;
}
