import type { ChatChatFragment, ChatMessageFragment } from '../../generated/operations';

/** The message fields the chat operations select. */
export const CHAT_MESSAGE_FIELDS = /* GraphQL */ `
  fragment ChatMessage on Message {
    id: databaseId chatId: chatDatabaseId senderId: senderDatabaseId text mediaUrl mediaType replyToId: replyToDatabaseId starred editedAt createdAt
    sender { id: databaseId name username avatar }
  }
`;

/** The chat fields the chat operations select. */
export const CHAT_CHAT_FIELDS = /* GraphQL */ `
  fragment ChatChat on Chat {
    id: databaseId type title participantId: participantDatabaseId pinned archived color unreadCount lastActivityAt createdAt
    participants { id: databaseId userId: userDatabaseId role joinedAt user { id: databaseId name username avatar presence lastSeenAt } }
    lastMessage { ...ChatMessage }
  }
`;

/** A message as the chat API shows one: snake_case keys, ISO times. */
export function chatMessage(message: ChatMessageFragment): Record<string, unknown> {
  return {
    id: message.id,
    chat_id: message.chatId,
    user_id: message.senderId,
    message: message.text,
    media: message.mediaUrl,
    media_type: message.mediaType?.toLowerCase() ?? null,
    reply: message.replyToId,
    is_starred: message.starred,
    edited_at: message.editedAt,
    created_at: message.createdAt,
    user: { id: message.sender.id, name: message.sender.name, username: message.sender.username, avatar: message.sender.avatar },
  };
}

/** A chat as the chat API shows one: the caller's own settings, its participants and last message. */
export function chatChat(chat: ChatChatFragment): Record<string, unknown> {
  return {
    id: chat.id,
    type: chat.type.toLowerCase(),
    title: chat.title,
    participant_id: chat.participantId,
    is_pinned: chat.pinned,
    is_archived: chat.archived,
    color: chat.color,
    unread_count: chat.unreadCount,
    participants: chat.participants.map((p) => ({
      id: p.id,
      user_id: p.userId,
      role: p.role.toLowerCase(),
      name: p.user.name,
      username: p.user.username,
      avatar: p.user.avatar,
      status: p.user.presence.toLowerCase(),
      last_seen: p.user.lastSeenAt,
      joined_at: p.joinedAt,
    })),
    last_message: chat.lastMessage ? chatMessage(chat.lastMessage) : null,
    created_at: chat.createdAt,
    updated_at: chat.lastActivityAt,
  };
}
