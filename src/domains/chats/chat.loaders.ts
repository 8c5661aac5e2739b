import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped, perUserValues } from '../../graphql/batch';
import type { ChatViewRow, MessageRow, ParticipantRow } from './chat.row';
import { findChatViews, findParticipantsByChats, findParticipantsVisibleTo } from './chat.repository';
import { findMessagesByIds, findMessagesVisibleTo, starredByUser, starredMessagesByParticipants, unreadByParticipants } from './message.repository';
import { typingByChats } from './chat-typing.repository';

/** Per-request loaders of the chat domain: participants, messages, unread counts, stars, typing. */
export function createChatLoaders(db: Database) {
  return {
    message: byId<MessageRow>((ids) => findMessagesByIds(db, ids)),
    chatParticipants: new RequestLoader<number, ParticipantRow[]>(async (chatIds) => grouped(chatIds, await findParticipantsByChats(db, chatIds), (row) => row.chat_id)),
    /** Unread messages by participant id. */
    unreadCount: new RequestLoader<number, number>(async (participantIds) => {
      const counts = await unreadByParticipants(db, participantIds);
      return participantIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Whether a user starred a message, keyed `userId:messageId`. */
    starred: perUserValues<boolean>(async (userId, messageIds) => new Map([...(await starredByUser(db, userId, messageIds))].map((id) => [id, true])), false),
    /** A chat as a user sees it, keyed `userId:chatId`; null when the user is not in it. */
    chatView: perUserValues<ChatViewRow | null>(async (userId, chatIds) => new Map((await findChatViews(db, userId, chatIds)).map((view) => [view.id, view])), null),
    /** A chat participant as a user may see it (only in chats they take part in), keyed `userId:participantId`. */
    visibleParticipant: perUserValues<ParticipantRow | null>(async (userId, ids) => new Map((await findParticipantsVisibleTo(db, userId, ids)).map((row) => [row.id, row])), null),
    /** A message as a user may read it (live, in their chat, not hidden by them), keyed `userId:messageId`. */
    visibleMessage: perUserValues<MessageRow | null>(async (userId, ids) => new Map((await findMessagesVisibleTo(db, userId, ids)).map((row) => [row.id, row])), null),
    /** A participant's starred messages, newest first, by participant id. */
    starredMessages: new RequestLoader<number, MessageRow[]>(async (participantIds) =>
      grouped(participantIds, await starredMessagesByParticipants(db, participantIds), (row) => row.participant_id).map((rows) => rows.map(({ participant_id: _, ...message }) => message)),
    ),
    /** Users whose "typing…" has not lapsed, by chat id. */
    typingUserIds: new RequestLoader<number, number[]>(async (chatIds) => {
      const rows = await typingByChats(db, chatIds, new Date().toISOString());
      return grouped(chatIds, rows, (row) => row.chat_id).map((group) => group.map((row) => row.user_id));
    }),
  };
}
