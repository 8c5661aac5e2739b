import type { Context } from '../../graphql/context.types';
import { pairKey } from '../social/graph/follow.loaders';
import { FOLLOW_STATE } from '../social/graph/follow.row';
import { privileged, seesActivity } from './privacy.rules';
import { Audience } from './privacy.type';
import { findUserById } from './user.repository';

/**
 * Whether a presence change of a user may reach the viewer: not when the user hides being online.
 * Read fresh, as a subscription outlives its loaders.
 */
export async function seesPresenceChange(ctx: Context, userId: number): Promise<boolean> {
  if (privileged(ctx.viewer, userId)) return true;
  const user = await findUserById(ctx.db, userId);
  return user === undefined || seesActivity(ctx.viewer, user);
}

/** Whether `ownerId` follows the viewer (an accepted follow): WoWonder's "people I follow". */
async function ownerFollowsViewer(ctx: Context, ownerId: number): Promise<boolean> {
  if (!ctx.viewer) return false;
  return (await ctx.loaders.followState.load(pairKey(ownerId, ctx.viewer.userId))) === FOLLOW_STATE.ACCEPTED;
}

/** Whether the viewer is in the audience a user chose for something of theirs (birthday, timeline). */
export async function inAudience(ctx: Context, ownerId: number, audience: Audience): Promise<boolean> {
  if (privileged(ctx.viewer, ownerId) || audience === Audience.EVERYONE) return true;
  return audience === Audience.PEOPLE_I_FOLLOW && ownerFollowsViewer(ctx, ownerId);
}
