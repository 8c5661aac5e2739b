import { toGlobalId } from '../../src/graphql/node';

/** The global id of a chat, a user, a message or a participant, from its number. */
export const chatGid = (n: number) => toGlobalId('Chat', n);
export const userGid = (n: number) => toGlobalId('User', n);
export const messageGid = (n: number) => toGlobalId('Message', n);

/** A SendMessageInput written with numbers (chatId, toUserId, replyToId), with those as global ids. */
export function messageInput(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  const types: Record<string, string> = { chatId: 'Chat', toUserId: 'User', replyToId: 'Message' };
  for (const [field, type] of Object.entries(types)) if (typeof out[field] === 'number') out[field] = toGlobalId(type, out[field]);
  return out;
}
