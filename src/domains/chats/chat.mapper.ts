import type { ChatViewRow, MessageRow, ParticipantRow } from './chat.row';
import { type Chat, type ChatParticipant, ChatRole, ChatType, type Message, MessageMediaType } from './chat.type';

const MEDIA_TYPES = Object.values(MessageMediaType);

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toChat(row: ChatViewRow): Chat {
  return {
    id: row.id,
    type: row.type === ChatType.GROUP ? ChatType.GROUP : ChatType.DIRECT,
    title: row.title,
    participantId: row.participant_id,
    pinned: row.pinned === 1,
    archived: row.archived === 1,
    color: row.color,
    lastReadMessageId: row.last_read_message_id,
    lastMessageId: row.last_message_id,
    lastActivityAt: new Date(row.last_activity_at),
    createdAt: new Date(row.created_at),
    hiddenUpTo: row.deleted_up_to_message_id ?? 0,
  };
}

export function toParticipant(row: ParticipantRow): ChatParticipant {
  return { id: row.id, chatId: row.chat_id, userId: row.user_id, role: row.role === ChatRole.ADMIN ? ChatRole.ADMIN : ChatRole.MEMBER, joinedAt: new Date(row.joined_at) };
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    chatId: row.chat_id,
    senderId: row.sender_id,
    text: row.body,
    mediaUrl: row.media_url,
    mediaType: MEDIA_TYPES.find((type) => type === row.media_type) ?? null,
    replyToId: row.reply_to_id,
    hashId: row.hash_id,
    deleted: row.deleted_at !== null,
    editedAt: date(row.edited_at),
    createdAt: new Date(row.created_at),
  };
}
