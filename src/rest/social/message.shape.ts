import type { SocialMessageFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The message fields the social operations select. */
export const SOCIAL_MESSAGE_FIELDS = /* GraphQL */ `
  fragment SocialMessage on Message {
    id: databaseId chatId: chatDatabaseId senderId: senderDatabaseId text mediaUrl mediaType replyToId: replyToDatabaseId hashId createdAt
    sender { ...SocialUser }
  }
`;

/**
 * A message as the social API's `message_data` shows one: ids and times as strings, the sender as
 * `messageUser`, and `message_hash_id` exactly as the client sent it.
 */
export function socialMessage(message: SocialMessageFragment, toUserId: number, hashId: unknown): Record<string, unknown> {
  const kind = message.mediaType === 'IMAGE' || message.mediaType === 'VIDEO' ? message.mediaType.toLowerCase() : message.mediaUrl ? 'file' : 'text';
  const time = unixTime(message.createdAt);
  return {
    id: String(message.id),
    from_id: String(message.senderId),
    to_id: String(toUserId),
    text: message.text,
    media: message.mediaUrl ?? '',
    mediaFileName: message.mediaUrl ? (message.mediaUrl.split('/').pop() ?? '') : '',
    time,
    time_text: new Date(Number(time) * 1000).toISOString().slice(11, 16),
    seen: '0',
    reply_id: String(message.replyToId ?? 0),
    message_hash_id: hashId ?? message.hashId,
    position: 'right',
    type: `right_${kind}`,
    messageUser: socialUser(message.sender),
  };
}
