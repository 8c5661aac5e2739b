import type { SocialUserFragment } from '../../generated/operations';
import { toGlobalId } from '../../graphql/node';
import { flag, unixTime } from './legacy-values';

/** The global id of a legacy user_id. */
export function userGlobalId(userId: unknown): string {
  return toGlobalId('User', Number(userId));
}

/** WoWonder's numbers for the audiences (message_privacy, follow_privacy) and pro levels. */
const AUDIENCE_CODES: Record<string, string> = { EVERYONE: '0', PEOPLE_I_FOLLOW: '1', NOBODY: '2' };
const PRO_TYPE_CODES: Record<string, string> = { NONE: '0', STAR: '1', HOT: '2', ULTIMA: '3', VIP: '4' };

/** The user fields the social operations select. */
export const SOCIAL_USER_FIELDS = /* GraphQL */ `
  fragment SocialUser on User {
    id: databaseId username email firstName lastName name avatar cover about gender birthday address working school website
    countryId lang timezone phone verified isPro proType status presence lastSeenAt createdAt roleId: roleDatabaseId
    followPrivacy messagePrivacy lat lng
    socialLinks { facebook twitter linkedin instagram youtube }
  }
`;

/** A user as the social API's `user_data` shows one: ids, flags and times as strings. */
export function socialUser(user: SocialUserFragment): Record<string, unknown> {
  return {
    user_id: String(user.id),
    username: user.username,
    email: user.email ?? '',
    first_name: user.firstName ?? '',
    last_name: user.lastName ?? '',
    name: user.name,
    avatar: user.avatar ?? '',
    cover: user.cover ?? '',
    about: user.about ?? '',
    gender: user.gender ?? '',
    birthday: user.birthday ?? '0000-00-00',
    address: user.address ?? '',
    working: user.working ?? '',
    school: user.school ?? '',
    website: user.website ?? '',
    country_id: String(user.countryId ?? 0),
    language: user.lang,
    timezone: user.timezone,
    phone_number: user.phone ?? '',
    facebook: user.socialLinks.facebook ?? '',
    twitter: user.socialLinks.twitter ?? '',
    linkedin: user.socialLinks.linkedin ?? '',
    instagram: user.socialLinks.instagram ?? '',
    youtube: user.socialLinks.youtube ?? '',
    verified: flag(user.verified),
    is_pro: flag(user.isPro),
    pro_type: PRO_TYPE_CODES[user.proType],
    admin: flag(user.roleId === 1),
    active: flag(user.status === 'ACTIVE'),
    status: flag(user.presence === 'ONLINE'),
    lastseen: unixTime(user.lastSeenAt),
    registered: unixTime(user.createdAt),
    follow_privacy: AUDIENCE_CODES[user.followPrivacy],
    message_privacy: AUDIENCE_CODES[user.messagePrivacy],
    lat: user.lat === null ? '0' : String(user.lat),
    lng: user.lng === null ? '0' : String(user.lng),
  };
}
