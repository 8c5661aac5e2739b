import type { Selectable } from 'kysely';
import type { ChatParticipants, Chats, Messages } from '../../db/schema';

/** A `messages` row as read from the database. */
export type MessageRow = Selectable<Messages>;
/** A `chat_participants` row: one user's membership and own settings of a chat. */
export type ParticipantRow = Selectable<ChatParticipants>;

/** A chat joined with one participant's own row: what that participant sees. */
export type ChatViewRow = Selectable<Chats> & {
  participant_id: number;
  participant_user_id: number;
  participant_role: string;
  pinned: number;
  archived: number;
  color: string | null;
  last_read_message_id: number | null;
  deleted_up_to_message_id: number | null;
};

/**
 * A chat as its sender sees it, with the other participant of a direct chat (all null in a group):
 * their id, user_status and message_privacy, and who made a block between the two, if one stands.
 */
export type SendingViewRow = ChatViewRow & {
  other_user_id: number | null;
  other_user_status: number | null;
  other_message_privacy: number | null;
  block_by: number | null;
};
