import type { CommunityUserFragment } from '../../generated/operations';
import { compact } from './envelope';

/** The user fields every community operation selects. */
export const USER_FIELDS = /* GraphQL */ `
  fragment CommunityUser on User {
    id: databaseId sid msid username email firstName middleName lastName avatar cover about lang timezone
    roleId: roleDatabaseId isBot status createdAt updatedAt loginCount postCount commentCount replyCount meta
    socialLinks { twitter linkedin }
  }
`;

export const USER_STATUS_CODES: Record<string, number> = {
  ACTIVE: 10,
  UNVERIFIED: 6,
  INVITED: 5,
  WAITLIST: 4,
  INACTIVE: 0,
  BANNED: -3,
  DELETED: -100,
};

/** A user as `/api/v1/users/{msid}` shows one; only fields with a value. */
export function communityUser(user: CommunityUserFragment) {
  const links = compact({ Twitter: user.socialLinks?.twitter, Linkedin: user.socialLinks?.linkedin });
  return compact({
    user_id: user.id,
    sid: user.sid,
    msid: user.msid,
    username: user.username,
    user_avatar: user.avatar,
    first_name: user.firstName,
    middle_name: user.middleName,
    last_name: user.lastName,
    email: user.email,
    role_id: user.roleId,
    is_bot: user.isBot,
    user_status: USER_STATUS_CODES[user.status],
    lang: user.lang,
    timezone: user.timezone,
    user_description: user.about ?? '',
    banner: user.cover,
    social_media_links: Object.keys(links).length > 0 ? links : null,
    meta: user.meta,
    login_count: user.loginCount,
    post_count: user.postCount,
    comment_count: user.commentCount,
    reply_count: user.replyCount,
    created_at: user.createdAt,
    last_modified_at: user.updatedAt,
  });
}

const SUMMARY_KEYS = ['user_id', 'sid', 'msid', 'username', 'user_avatar', 'first_name', 'role_id', 'user_status', 'created_at'] as const;

/** A user as the list endpoint shows one: the short form. */
export function communityUserSummary(user: CommunityUserFragment) {
  const full = communityUser(user);
  return Object.fromEntries(SUMMARY_KEYS.filter((key) => key in full).map((key) => [key, full[key]]));
}
