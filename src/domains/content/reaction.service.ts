import type { Context } from '../../graphql/context.types';
import { BadUserInputError } from '../../errors';
import { onReacted } from '../social/graph/notification.hooks';
import { requireViewer } from '../shared/viewer.guard';
import { readableComment, readableReply } from './remark.service';
import { readablePost } from './content-access';
import type { RefType } from './content-status';
import { addToReactionCounter, deleteReaction, findReaction, insertReaction, setReactionSlot } from './reaction.repository';

const TABLES = { POST: 'posts', COMMENT: 'comments', REPLY: 'replies' } as const;

export interface ReactionResult {
  /** The viewer's slot after the change; null when the reaction was taken back. */
  slot: number | null;
}

/**
 * Sets the viewer's reaction to a post, comment or reply: slot 1-6, or none (null). One reaction
 * per user per target: another slot moves it. Setting what is already set changes nothing.
 * Counters change in the same transaction.
 */
export async function setReaction(ctx: Context, refType: RefType, refId: number, slot: number | null): Promise<ReactionResult> {
  const viewer = requireViewer(ctx);
  if (slot !== null && (!Number.isInteger(slot) || slot < 1 || slot > 6)) throw new BadUserInputError('slot must be 1 to 6', 'slot');
  if (refType === 'USER' || !(refType in TABLES)) throw new BadUserInputError('Reactions go on a POST, COMMENT or REPLY', 'refType');
  if (refType === 'POST') await readablePost(ctx, refId);
  else if (refType === 'COMMENT') await readableComment(ctx, refId);
  else await readableReply(ctx, refId);
  const table = TABLES[refType];
  ctx.loaders.reactionSlot.clear(`${viewer.userId}:${refType}:${refId}`);
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const existing = await findReaction(trx, viewer.userId, refType, refId);
    if ((existing?.slot ?? null) === slot) return { slot };
    const bump = (column: string, by: 1 | -1) => addToReactionCounter(trx, table, refId, column, by);
    if (existing) {
      await bump(`react_s${existing.slot}`, -1);
      if (slot === null) {
        await deleteReaction(trx, existing.id);
        await bump('react_count', -1);
        return { slot: null };
      }
      await setReactionSlot(trx, existing.id, slot);
    } else {
      await insertReaction(trx, { user_id: viewer.userId, ref_type: refType, ref_id: refId, slot: slot!, created_at: new Date().toISOString() });
      await bump('react_count', 1);
    }
    await bump(`react_s${slot}`, 1);
    await record('reaction.added', { [refType.toLowerCase()]: [refId], user: [viewer.userId] }, viewer.userId);
    await onReacted({ trx, record }, viewer.userId, refType, refId);
    return { slot };
  });
}

/** Reacts in a slot, or takes the reaction back when it is already in that slot (the legacy toggle; the seed uses it). */
export async function react(ctx: Context, refType: RefType, refId: number, slot: number): Promise<ReactionResult> {
  const viewer = requireViewer(ctx);
  const current = await ctx.loaders.reactionSlot.load(`${viewer.userId}:${refType}:${refId}`);
  return setReaction(ctx, refType, refId, current === slot ? null : slot);
}
