import type { Context } from '../../graphql/context.types';
import { ForbiddenError } from '../../errors';
import { blockBetween, blocksAmong } from '../social/graph/block.repository';
import { findFollow, followsAmong } from '../social/graph/follow.repository';
import { FOLLOW_STATE } from '../social/graph/follow.row';
import { senderHasWritten } from './message.repository';

/** WoWonder's `message_privacy`: who may write to a user, or add them to a group chat. */
export const MessagePrivacy = { EVERYONE: 0, PEOPLE_I_FOLLOW: 1, NOBODY: 2 } as const;

const REFUSES_YOU = 'This user does not accept messages from you';

/** What a caller of assertMayMessage has already read of the recipient: left out, it is read. */
export interface KnownRecipient {
  block?: { blocker_id: number } | null;
  privacy?: number | null;
}

/** Whether `message_privacy` lets `fromId` reach `to` (given whether `to` follows them). */
function privacyAllows(privacy: number, followsSender: boolean): boolean {
  if (privacy === MessagePrivacy.EVERYONE) return true;
  return privacy === MessagePrivacy.PEOPLE_I_FOLLOW && followsSender;
}

/**
 * Refuses (FORBIDDEN) a direct message, or opening a direct chat, from `fromId` to `toId`: across a
 * block, whichever side made it; or when `toId`'s message_privacy does not let `fromId` write first
 * (1: only people they follow; 2: nobody). Privacy governs who may start: once `toId` has written in
 * the direct chat, `fromId` may answer there. Every door (GraphQL, social send-message, chat API)
 * reaches this through the chat services. `known` holds what the caller has just read: the block
 * between the two (null: none) and `toId`'s message_privacy.
 */
export async function assertMayMessage(ctx: Context, fromId: number, toId: number, chatId: number | null, known: KnownRecipient = {}): Promise<void> {
  const block = known.block !== undefined ? known.block : await blockBetween(ctx.db, fromId, toId);
  if (block?.blocker_id === toId) throw new ForbiddenError(REFUSES_YOU);
  if (block) throw new ForbiddenError('You have blocked this user: unblock them to send messages');
  const privacy = (known.privacy !== undefined ? known.privacy : (await ctx.loaders.user.load(toId))?.message_privacy) ?? MessagePrivacy.EVERYONE;
  if (privacy === MessagePrivacy.EVERYONE) return;
  if (chatId !== null && (await senderHasWritten(ctx.db, chatId, toId))) return;
  const follow = privacy === MessagePrivacy.PEOPLE_I_FOLLOW ? await findFollow(ctx.db, toId, fromId) : undefined;
  if (!privacyAllows(privacy, follow?.status === FOLLOW_STATE.ACCEPTED)) throw new ForbiddenError(REFUSES_YOU);
}

/**
 * Refuses (FORBIDDEN, the whole call) adding users to a group chat, at creation or later, when a
 * block stands between the adder and one of them (either way), or when one's message_privacy does
 * not let the adder reach them. A user who refuses the adder is named the same way whether by
 * block or by privacy, so the adder does not learn which.
 */
export async function assertMayAdd(ctx: Context, adderId: number, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  const [theyBlocked, iBlocked, follows, users] = await Promise.all([
    blocksAmong(ctx.db, userIds, [adderId]),
    blocksAmong(ctx.db, [adderId], userIds),
    followsAmong(ctx.db, userIds, [adderId]),
    ctx.loaders.user.loadMany(userIds),
  ]);
  if (iBlocked.length > 0) throw new ForbiddenError(`You have blocked user ${iBlocked[0].blocked_id}: unblock them to add them`);
  const followers = new Set(follows.filter((f) => f.status === FOLLOW_STATE.ACCEPTED).map((f) => f.follower_id));
  const refusing = userIds.filter((id, i) => {
    const user = users[i];
    const privacy = user && !(user instanceof Error) ? user.message_privacy : MessagePrivacy.EVERYONE;
    return theyBlocked.some((b) => b.blocker_id === id) || !privacyAllows(privacy, followers.has(id));
  });
  if (refusing.length > 0) throw new ForbiddenError(`User ${refusing.join(', ')} does not accept being added to chats by you`);
}
