import type { Updateable } from 'kysely';
import type { Viewer } from '../../auth/viewer';
import type { Users } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { pairKey } from '../social/graph/follow.loaders';
import { FOLLOW_STATE } from '../social/graph/follow.row';
import type { UserRow } from './user.mapper';
import { findUserById } from './user.repository';
import { Audience, type Privacy, type UpdatePrivacyInput } from './privacy.type';

const flag = (value: boolean | null | undefined) => (value == null ? undefined : value ? 1 : 0);

/** The user and admins see everything a profile holds. */
function privileged(viewer: Viewer | null, userId: number): boolean {
  return viewer !== null && (viewer.isAdmin || viewer.userId === userId);
}

/** A user's exact position is theirs alone; others at most see a distance in nearby results. */
export function seesPosition(viewer: Viewer | null, userId: number): boolean {
  return viewer?.userId === userId;
}

/** Online status, last seen and the sign-in count show to others only while the user shows being online. */
export function seesActivity(viewer: Viewer | null, user: Pick<UserRow, 'id' | 'show_online'>): boolean {
  return user.show_online === 1 || privileged(viewer, user.id);
}

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

/** The settings as the user reads them. */
export function toPrivacy(row: UserRow): Privacy {
  return {
    followPrivacy: row.follow_privacy,
    confirmFollowers: row.confirm_followers === 1,
    messagePrivacy: row.message_privacy,
    shareLocation: row.share_my_location === 1,
    birthday: row.birth_privacy as Audience,
    showOnline: row.show_online === 1,
    timelinePosts: row.post_privacy as Audience,
    findableByPhone: row.phone_discoverable === 1,
  };
}

/** Columns a privacy input sets; omitted (or null) settings stay as they are. */
export function privacyColumns(input: UpdatePrivacyInput | null | undefined): Updateable<Users> {
  if (!input) return {};
  const columns: Updateable<Users> = {
    follow_privacy: input.followPrivacy ?? undefined,
    confirm_followers: flag(input.confirmFollowers),
    message_privacy: input.messagePrivacy ?? undefined,
    share_my_location: flag(input.shareLocation),
    birth_privacy: input.birthday ?? undefined,
    show_online: flag(input.showOnline),
    post_privacy: input.timelinePosts ?? undefined,
    phone_discoverable: flag(input.findableByPhone),
  };
  // Only the settings given, so they never mask the profile's own followPrivacy and messagePrivacy.
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}
