import type { Context } from '../../../graphql/context.types';
import { ForbiddenError, NotFoundError } from '../../../errors';
import { findUserById } from '../../users/user.repository';
import type { UserRow } from '../../users/user.row';
import { requireOtherUser } from '../../users/user.service';
import { deleteActivities, insertActivity } from './activity.repository';
import { ACTIVITY_TYPE } from './activity.type';
import { blockBetween } from './block.repository';
import type { Window } from '../../../db/keyset';
import { pairKey } from './follow.loaders';
import { acceptFollow, countPendingRequesters, deleteFollow, findFollow, insertFollow, pendingRequesters } from './follow.repository';
import { FollowStatus } from './follow.type';
import { deleteNotifications } from './notification.repository';
import { notify } from './notification.service';
import { NOTIFICATION_TYPE } from './notification.type';
import { requireViewer } from '../../shared/viewer.guard';
import { FOLLOW_STATE, type FollowEdgeRow } from './follow.row';

/**
 * Whether a follow waits for the followed user's approval. WoWonder's `confirm_followers`: every
 * follow does. Its `follow_privacy` 1 ("people I follow" may follow): the people the user follows
 * follow at once, anyone else asks (a request rather than a refusal, so the setting keeps working
 * as it did before confirm_followers was settable).
 */
export function approvesFollowers(user: Pick<UserRow, 'follow_privacy' | 'confirm_followers'>, followsFollower: boolean): boolean {
  return user.confirm_followers === 1 || (user.follow_privacy === 1 && !followsFollower);
}

/** The activity a follow records. */
export const followActivity = (followerId: number, followingId: number) => ({ userId: followerId, type: ACTIVITY_TYPE.FOLLOWING, refType: 'USER', refId: followingId });

/**
 * Follows a user: at once, or as a pending request when they approve followers. Following again
 * changes nothing (the social API's toggling follow-user reads followStatus first and unfollows).
 * A block either way refuses, and nothing is written.
 */
export async function followUser(ctx: Context, userId: number): Promise<FollowStatus> {
  const viewer = requireViewer(ctx);
  const target = await requireOtherUser(ctx, userId, 'follow');
  return ctx.events.transaction(ctx.db, async (unit) => {
    const { trx, record } = unit;
    const block = await blockBetween(trx, viewer.userId, target.id);
    if (block?.blocker_id === target.id) throw new ForbiddenError('You cannot follow this user');
    if (block) throw new ForbiddenError('You have blocked this user: unblock them to follow');
    const existing = await findFollow(trx, viewer.userId, target.id);
    if (existing) return existing.status === FOLLOW_STATE.ACCEPTED ? FollowStatus.FOLLOWED : FollowStatus.REQUESTED;
    // Read the privacy setting in the transaction, so a change made meanwhile is honoured.
    const privacy = (await findUserById(trx, target.id)) ?? target;
    const followsBack = (await findFollow(trx, target.id, viewer.userId))?.status === FOLLOW_STATE.ACCEPTED;
    const state = approvesFollowers(privacy, followsBack) ? FOLLOW_STATE.PENDING : FOLLOW_STATE.ACCEPTED;
    if (!(await insertFollow(trx, viewer.userId, target.id, state))) {
      const raced = await findFollow(trx, viewer.userId, target.id);
      return raced?.status === FOLLOW_STATE.ACCEPTED ? FollowStatus.FOLLOWED : FollowStatus.REQUESTED;
    }
    if (state === FOLLOW_STATE.PENDING) {
      await notify(unit, { recipientId: target.id, notifierId: viewer.userId, type: NOTIFICATION_TYPE.FOLLOW_REQUEST, refType: 'USER', refId: viewer.userId });
      return FollowStatus.REQUESTED;
    }
    await insertActivity(trx, followActivity(viewer.userId, target.id));
    await notify(unit, { recipientId: target.id, notifierId: viewer.userId, type: NOTIFICATION_TYPE.FOLLOWING, refType: 'USER', refId: viewer.userId });
    await record('member.followed', { user: [viewer.userId, target.id] }, viewer.userId);
    return FollowStatus.FOLLOWED;
  });
}

/** Deletes a follow or a request with what hangs on it: the follow's activity, the request's notification. */
async function removeFollow(trx: Parameters<typeof deleteFollow>[0], followerId: number, followingId: number, status: string): Promise<void> {
  await deleteFollow(trx, followerId, followingId);
  if (status === FOLLOW_STATE.ACCEPTED) {
    await deleteActivities(trx, followActivity(followerId, followingId));
    await deleteNotifications(trx, followingId, followerId, NOTIFICATION_TYPE.FOLLOWING);
  } else {
    await deleteNotifications(trx, followingId, followerId, NOTIFICATION_TYPE.FOLLOW_REQUEST);
  }
}

/** Stops following a user, or withdraws a pending request. Returns whether there was one. */
export async function unfollowUser(ctx: Context, userId: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const target = await requireOtherUser(ctx, userId, 'unfollow');
  return ctx.events.transaction(ctx.db, async ({ trx }) => {
    const existing = await findFollow(trx, viewer.userId, target.id);
    if (!existing) return false;
    await removeFollow(trx, viewer.userId, target.id, existing.status);
    return true;
  });
}

/**
 * Accepts or declines a user's pending request to follow the viewer. Accepting makes them a
 * follower and tells them; declining deletes the request. NOT_FOUND when there is no request.
 */
export async function respondToFollowRequest(ctx: Context, userId: number, accept: boolean): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const requester = await requireOtherUser(ctx, userId, 'answer a follow request from');
  return ctx.events.transaction(ctx.db, async (unit) => {
    const { trx, record } = unit;
    const request = await findFollow(trx, requester.id, viewer.userId);
    if (!request || request.status !== FOLLOW_STATE.PENDING) throw new NotFoundError(`User ${userId} has not asked to follow you`);
    await deleteNotifications(trx, viewer.userId, requester.id, NOTIFICATION_TYPE.FOLLOW_REQUEST);
    if (!accept) {
      await deleteFollow(trx, requester.id, viewer.userId);
      return true;
    }
    await acceptFollow(trx, requester.id, viewer.userId);
    await insertActivity(trx, followActivity(requester.id, viewer.userId));
    await notify(unit, { recipientId: requester.id, notifierId: viewer.userId, type: NOTIFICATION_TYPE.ACCEPTED_REQUEST, refType: 'USER', refId: viewer.userId });
    await record('member.followed', { user: [requester.id, viewer.userId] }, viewer.userId);
    return true;
  });
}

/** A window of the users with a pending request to follow the viewer, newest first. */
export function followRequesters(ctx: Context, window: Window): Promise<FollowEdgeRow[]> {
  return pendingRequesters(ctx.db, requireViewer(ctx).userId, window);
}

/** How many users wait for the viewer to answer their follow request. */
export function countFollowRequesters(ctx: Context): Promise<number> {
  return countPendingRequesters(ctx.db, requireViewer(ctx).userId);
}

/**
 * Where the viewer stands towards a user (the state a toggle reads): followed, requested or neither.
 * Refused as following would be for the viewer themselves or a user who does not exist.
 */
export async function followStatus(ctx: Context, userId: number): Promise<FollowStatus> {
  const viewer = requireViewer(ctx);
  const target = await requireOtherUser(ctx, userId, 'follow');
  const state = await ctx.loaders.followState.load(pairKey(viewer.userId, target.id));
  return state === FOLLOW_STATE.ACCEPTED ? FollowStatus.FOLLOWED : state === FOLLOW_STATE.PENDING ? FollowStatus.REQUESTED : FollowStatus.UNFOLLOWED;
}
