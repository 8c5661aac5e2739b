import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors';
import { Topic } from '../../graphql/pubsub';
import { isUniqueViolation } from '../../db/unique-violation';
import { recordMediaFile } from '../../media/media-files';
import { refusePendingUploadUrls, storeUpload } from '../../media/upload-claims';
import type { StoredMedia } from '../../media/media-store';
import { onMessageSent } from '../social/graph/notification.hooks';
import { assertLiveUser, refuseSelf, requireOtherUser } from '../users/user.service';
import type { MessageDraft } from './chat.input';
import type { ChatViewRow, MessageRow, SendingViewRow } from './chat.row';
import { directKey, findDirectChatId, findSendingView, participantInChat, participantUserIds, setLastMessage, updateParticipant, updateParticipantOf } from './chat.repository';
import { deleteTyping } from './chat-typing.repository';
import { deleteStar, deleteStarsOfMessage, findMessageByHash, insertMessage, insertStar, isStarred, updateMessage } from './message.repository';
import { openDirectChat, refuseChat, requireChat } from './chat.service';
import { ChatType } from './chat.type';
import { assertMayMessage, type KnownRecipient } from './messaging.guard';
import { requireViewer } from '../shared/viewer.guard';

export const MAX_MESSAGE_LENGTH = 10_000;

function publishToChat(ctx: Context, topic: Topic.MessageAdded | Topic.MessageUpdated, message: MessageRow, userIds: number[]): void {
  ctx.pubsub.publish(topic, { chatId: message.chat_id, message, userIds });
  ctx.pubsub.publish(Topic.ChatUpdated, { chatId: message.chat_id, userIds });
}

/**
 * Sends a message to a chat, or to a user (their direct chat, created on the first message).
 * A repeated `hashId` from the same sender in the same chat returns the first message unchanged.
 * Media is an upload, an image URL to import, or a URL kept as a link. The message, its media row
 * and the chat's activity commit together; a stored file is removed again if they do not. A direct
 * message obeys blocks and the recipient's message_privacy (messaging.guard.ts); in a group chat,
 * membership decides.
 */
export async function sendMessage(ctx: Context, input: MessageDraft): Promise<MessageRow> {
  const viewer = requireViewer(ctx);
  const text = input.text ?? '';
  const sources = [input.media, input.mediaUrl, input.importImageUrl].filter((value) => value != null && value !== '');
  if (sources.length > 1) throw new BadUserInputError('Send only one of media, mediaUrl and importImageUrl', 'media');
  if (text.trim() === '' && sources.length === 0) throw new BadUserInputError('A message needs text or media', 'text');
  if (text.length > MAX_MESSAGE_LENGTH) throw new BadUserInputError(`text is longer than ${MAX_MESSAGE_LENGTH} characters`, 'text');
  if (input.mediaUrl != null && !/^https?:\/\/\S+$/i.test(input.mediaUrl)) throw new BadUserInputError('mediaUrl must be an http(s) URL', 'mediaUrl');
  if ((input.chatId == null) === (input.toUserId == null)) throw new BadUserInputError('Give either chatId or toUserId');
  await refusePendingUploadUrls(ctx, [input.mediaUrl], 'mediaUrl', 'media');

  // One read of the chat as the viewer sees it, with what the rules below need of the other
  // participant of a direct chat (who they are, whether they still exist, their message_privacy
  // and any block between the two); only a first message reads the recipient and the block apart.
  let chat: SendingViewRow | null = null;
  let recipientId: number | null = null;
  let known: KnownRecipient = {};
  const fromView = (view: SendingViewRow) => ({ block: view.block_by === null ? null : { blocker_id: view.block_by }, privacy: view.other_message_privacy });
  if (input.chatId != null) {
    chat = (await findSendingView(ctx.db, viewer.userId, { id: input.chatId })) ?? (await refuseChat(ctx, input.chatId));
    if (chat.type === ChatType.DIRECT && chat.other_user_id !== null) [recipientId, known] = [chat.other_user_id, fromView(chat)];
  } else {
    recipientId = input.toUserId!;
    refuseSelf(ctx, recipientId, 'chat with', 'toUserId');
    chat = (await findSendingView(ctx.db, viewer.userId, { directKey: directKey(viewer.userId, recipientId) })) ?? null;
    if (chat?.other_user_id === recipientId) {
      assertLiveUser(chat.other_user_status === null ? null : { user_status: chat.other_user_status }, recipientId);
      known = fromView(chat);
    } else {
      known = { privacy: (await requireOtherUser(ctx, recipientId, 'chat with', 'toUserId')).message_privacy };
    }
  }
  if (chat && input.hashId) {
    const earlier = await findMessageByHash(ctx.db, chat.id, viewer.userId, input.hashId);
    if (earlier) return earlier;
  }
  if (recipientId !== null) await assertMayMessage(ctx, viewer.userId, recipientId, chat?.id ?? null, known);
  if (input.replyToId != null) {
    const original = await ctx.loaders.message.load(input.replyToId);
    if (!chat || !original || original.chat_id !== chat.id || original.deleted_at !== null || original.id <= (chat.deleted_up_to_message_id ?? 0)) {
      throw new BadUserInputError(`Message ${input.replyToId} is not a message of this chat`, 'replyToId');
    }
  }

  const stored: StoredMedia | null = input.media ? await storeUpload(ctx, input.media, 'media') : input.importImageUrl ? await ctx.media.importUrl(input.importImageUrl, 'importImageUrl') : null;
  let sent: { message: MessageRow; userIds: number[]; fresh: boolean; wasTyping: boolean };
  try {
    sent = await ctx.events.transaction(ctx.db, async ({ trx, record, recordTogether }) => {
      const now = new Date().toISOString();
      let chatId = chat?.id;
      if (chatId === undefined) {
        chatId = await openDirectChat(trx, viewer.userId, recipientId!);
        if (input.hashId) {
          const earlier = await findMessageByHash(trx, chatId, viewer.userId, input.hashId);
          if (earlier) return { message: earlier, userIds: [], fresh: false, wasTyping: false };
        }
        await record('chat.created', { chat: [chatId], user: [viewer.userId, recipientId!] }, viewer.userId);
      }
      if (stored) await recordMediaFile(trx, viewer.userId, stored);
      const message = await insertMessage(trx, {
        chat_id: chatId,
        sender_id: viewer.userId,
        body: text,
        media_url: stored?.url ?? input.mediaUrl ?? null,
        media_type: stored?.kind ?? (input.mediaUrl ? 'link' : null),
        reply_to_id: input.replyToId ?? null,
        hash_id: input.hashId ?? null,
        created_at: now,
      });
      await setLastMessage(trx, chatId, message.id, now);
      const read = { last_read_message_id: message.id };
      await (chat ? updateParticipant(trx, chat.participant_id, read) : updateParticipantOf(trx, chatId, viewer.userId, read));
      const wasTyping = await deleteTyping(trx, chatId, viewer.userId);
      // Both events at once: the outbox reads the webhook subscriptions once for them.
      await recordTogether(async () => {
        await record('message.created', { message: [message.id], chat: [chatId], user: [viewer.userId] }, viewer.userId);
        await onMessageSent({ trx, record }, message, recipientId);
      });
      // A direct chat's participants are its two users; a group's are read in the transaction.
      const userIds = recipientId !== null ? [viewer.userId, recipientId] : await participantUserIds(trx, chatId);
      return { message, userIds, fresh: true, wasTyping };
    });
  } catch (error) {
    if (stored) await ctx.media.discard(stored);
    // Two sends with one hash raced: the other one won; answer with its message.
    if (input.hashId && isUniqueViolation(error)) {
      const chatId = chat?.id ?? (await findDirectChatId(ctx.db, viewer.userId, recipientId!));
      const earlier = chatId === null ? undefined : await findMessageByHash(ctx.db, chatId, viewer.userId, input.hashId);
      if (earlier) return earlier;
    }
    throw error;
  }
  if (!sent.fresh) {
    if (stored) await ctx.media.discard(stored);
    return sent.message;
  }
  publishToChat(ctx, Topic.MessageAdded, sent.message, sent.userIds);
  if (sent.wasTyping) {
    ctx.pubsub.publish(Topic.TypingChanged, { chatId: sent.message.chat_id, userId: viewer.userId, typing: false, expiresAt: null, userIds: sent.userIds });
  }
  return sent.message;
}

/** A live message of a chat the viewer is in. */
async function requireMessage(ctx: Context, messageId: number): Promise<{ message: MessageRow; chat: ChatViewRow }> {
  const message = await ctx.loaders.message.load(messageId);
  if (!message || message.deleted_at !== null) throw new NotFoundError(`Message ${messageId} does not exist`);
  const chat = await requireChat(ctx, message.chat_id).catch(() => {
    throw new NotFoundError(`Message ${messageId} does not exist`);
  });
  if (message.id <= (chat.deleted_up_to_message_id ?? 0)) throw new NotFoundError(`Message ${messageId} does not exist`);
  return { message, chat };
}

/** Changes the text of one's own message. */
export async function editMessage(ctx: Context, messageId: number, text: string): Promise<MessageRow> {
  const viewer = requireViewer(ctx);
  const { message } = await requireMessage(ctx, messageId);
  if (message.sender_id !== viewer.userId) throw new ForbiddenError('You may only edit your own messages');
  if (text.trim() === '' && !message.media_url) throw new BadUserInputError('A message needs text or media', 'text');
  if (text.length > MAX_MESSAGE_LENGTH) throw new BadUserInputError(`text is longer than ${MAX_MESSAGE_LENGTH} characters`, 'text');
  const { row, userIds } = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const row = await updateMessage(trx, messageId, { body: text, edited_at: new Date().toISOString() });
    await record('message.updated', { message: [messageId], chat: [row.chat_id], user: [viewer.userId] }, viewer.userId);
    return { row, userIds: await participantUserIds(trx, row.chat_id) };
  });
  publishToChat(ctx, Topic.MessageUpdated, row, userIds);
  return row;
}

/** Deletes one's own message for everyone: its text and media are gone, a tombstone stays for subscribers. */
export async function deleteMessage(ctx: Context, messageId: number): Promise<MessageRow> {
  const viewer = requireViewer(ctx);
  const { message } = await requireMessage(ctx, messageId);
  if (message.sender_id !== viewer.userId) throw new ForbiddenError('You may only delete your own messages');
  const { row, userIds } = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const row = await updateMessage(trx, messageId, { body: '', media_url: null, media_type: null, deleted_at: new Date().toISOString() });
    await deleteStarsOfMessage(trx, messageId);
    await record('message.deleted', { message: [messageId], chat: [row.chat_id], user: [viewer.userId] }, viewer.userId);
    return { row, userIds: await participantUserIds(trx, row.chat_id) };
  });
  publishToChat(ctx, Topic.MessageUpdated, row, userIds);
  return row;
}

/**
 * Stars or unstars a message for the viewer. `participantId`, when given (the chat API's path),
 * must be the viewer's own participant id in the message's chat.
 */
export async function setMessageStarred(ctx: Context, messageId: number, starred: boolean, options: { chatId?: number; participantId?: number } = {}): Promise<MessageRow> {
  const { message, chat } = options.chatId != null ? await messageInChat(ctx, options.chatId, messageId) : await requireMessage(ctx, messageId);
  if (options.participantId != null && options.participantId !== chat.participant_id) {
    if (!(await participantInChat(ctx.db, options.participantId, chat.id))) throw new NotFoundError(`Participant ${options.participantId} is not in this chat`);
    throw new ForbiddenError('You may only star messages as yourself');
  }
  await ctx.events.transaction(ctx.db, async ({ trx }) => {
    const existing = await isStarred(trx, message.id, chat.participant_id);
    if (starred && !existing) await insertStar(trx, message.id, chat.participant_id, new Date().toISOString());
    if (!starred && existing) await deleteStar(trx, message.id, chat.participant_id);
  });
  ctx.loaders.starred.clear(`${chat.participant_user_id}:${message.id}`);
  ctx.loaders.starredMessages.clear(chat.participant_id);
  return message;
}

/** A message looked up through its chat (the chat API's nested paths): the chat is checked first. */
async function messageInChat(ctx: Context, chatId: number, messageId: number): Promise<{ message: MessageRow; chat: ChatViewRow }> {
  const chat = await requireChat(ctx, chatId);
  const message = await ctx.loaders.message.load(messageId);
  if (!message || message.chat_id !== chat.id || message.deleted_at !== null || message.id <= (chat.deleted_up_to_message_id ?? 0)) {
    throw new NotFoundError(`Message ${messageId} is not in chat ${chatId}`);
  }
  return { message, chat };
}
