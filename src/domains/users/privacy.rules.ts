import type { Updateable } from 'kysely';
import type { Viewer } from '../../auth/viewer';
import type { Users } from '../../db/schema';
import type { UserRow } from './user.row';
import type { Privacy, UpdatePrivacyInput } from './privacy.type';

const flag = (value: boolean | null | undefined) => (value == null ? undefined : value ? 1 : 0);

/** The user and admins see everything a profile holds. */
export function privileged(viewer: Viewer | null, userId: number): boolean {
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

/** The settings as the user reads them. */
export function toPrivacy(row: UserRow): Privacy {
  return {
    followPrivacy: row.follow_privacy,
    confirmFollowers: row.confirm_followers === 1,
    messagePrivacy: row.message_privacy,
    shareLocation: row.share_my_location === 1,
    birthday: row.birth_privacy,
    showOnline: row.show_online === 1,
    timelinePosts: row.post_privacy,
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
