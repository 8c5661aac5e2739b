import type { Context } from '../../../graphql/context.types';
import { requireOtherUser } from '../../users/user.service';
import type { Window } from '../../../db/keyset';
import { blockedUsersOf, countBlockedUsers, deleteBlock, insertBlock } from './block.repository';
import { deleteFollowsBetween } from './follow.repository';
import { deleteActivities } from './activity.repository';
import { followActivity } from './follow.service';
import { deleteNotifications } from './notification.repository';
import { NOTIFICATION_TYPE } from './notification.type';
import { requireViewer } from '../../shared/viewer.guard';

/**
 * Blocks a user: follows and follow requests between the two go, both ways, and neither can
 * follow or message the other until the block is lifted. Blocking twice changes nothing.
 */
export async function blockUser(ctx: Context, userId: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const target = await requireOtherUser(ctx, userId, 'block');
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if (!(await insertBlock(trx, viewer.userId, target.id))) return;
    await deleteFollowsBetween(trx, viewer.userId, target.id);
    await deleteActivities(trx, followActivity(viewer.userId, target.id));
    await deleteActivities(trx, followActivity(target.id, viewer.userId));
    for (const [recipient, notifier] of [
      [viewer.userId, target.id],
      [target.id, viewer.userId],
    ]) {
      for (const type of [NOTIFICATION_TYPE.FOLLOW_REQUEST, NOTIFICATION_TYPE.FOLLOWING]) await deleteNotifications(trx, recipient, notifier, type);
    }
    await record('member.blocked', { user: [viewer.userId, target.id] }, viewer.userId);
  });
  return true;
}

/** Lifts the viewer's block of a user; follows removed by the block stay removed. */
export async function unblockUser(ctx: Context, userId: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const target = await requireOtherUser(ctx, userId, 'unblock');
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if (await deleteBlock(trx, viewer.userId, target.id)) await record('member.unblocked', { user: [viewer.userId, target.id] }, viewer.userId);
  });
  return true;
}

/** A window of the users the viewer blocked, newest block first. */
export function blockedUsers(ctx: Context, window: Window): Promise<{ id: number; created_at: string }[]> {
  return blockedUsersOf(ctx.db, requireViewer(ctx).userId, window);
}

/** How many users the viewer blocked. */
export function countBlockedUsersOfViewer(ctx: Context): Promise<number> {
  return countBlockedUsers(ctx.db, requireViewer(ctx).userId);
}
