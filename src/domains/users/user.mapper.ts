import type { Viewer } from '../../auth/viewer';
import type { Projection } from '../../graphql/projection';
import { seesActivity, seesPosition, toPrivacy } from './privacy.rules';
import { ROLE } from './user-status';
import type { UserRow } from './user.row';
import { Presence, ProType, type SocialLinks, type User, UserType } from './user.type';

function date(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

function socialLinks(json: string | null): SocialLinks {
  const links = json ? (JSON.parse(json) as Partial<SocialLinks>) : {};
  return {
    twitter: links.twitter ?? null,
    linkedin: links.linkedin ?? null,
    facebook: links.facebook ?? null,
    instagram: links.instagram ?? null,
    youtube: links.youtube ?? null,
  };
}

export function displayName(row: Pick<UserRow, 'first_name' | 'middle_name' | 'last_name' | 'username'>): string {
  const parts = [row.first_name, row.middle_name, row.last_name].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : row.username;
}

/**
 * Turns a row into the GraphQL User, hiding contact details from anyone but the user and admins, the
 * position from anyone but the user, and activity as the user's privacy settings say (the birthday's
 * audience needs the follow graph: the birthday field resolver applies it).
 */
export function toUser(row: UserRow, viewer: Viewer | null): User {
  const privileged = viewer !== null && (viewer.isAdmin || viewer.userId === row.id);
  const secret = <T>(value: T): T | null => (privileged ? value : null);
  const activity = seesActivity(viewer, row);
  const position = seesPosition(viewer, row.id);
  return {
    id: row.id,
    sid: row.sid,
    msid: `${row.id}.${row.sid}`,
    username: row.username,
    email: secret(row.email),
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    name: displayName(row),
    phone: secret(row.phone),
    address: secret(row.address),
    gender: row.gender,
    birthday: row.birthday,
    birthPrivacy: row.birth_privacy,
    about: row.about,
    avatar: row.avatar,
    cover: row.cover,
    website: row.website,
    working: row.working,
    school: row.school,
    countryId: row.country_id,
    timezone: row.timezone,
    lang: row.lang,
    socialLinks: socialLinks(row.social_links),
    roleId: row.role_id,
    status: row.user_status,
    isBot: row.is_bot === 1,
    verified: row.verified === 1,
    isPro: row.is_pro === 1,
    proType: row.pro_type in ProType ? row.pro_type : ProType.NONE,
    userType: row.role_id === ROLE.ADMIN ? UserType.ADMIN : UserType.MEMBER,
    packageId: row.package_id,
    expiredDate: secret(date(row.expired_date)),
    lastLoginAt: secret(date(row.last_login_at)),
    lastLoginIp: secret(row.last_login_ip),
    loginCount: activity ? row.login_count : 0,
    presence: activity && row.presence === 'online' ? Presence.ONLINE : Presence.OFFLINE,
    lastSeenAt: activity ? date(row.last_seen_at) : null,
    lat: position ? row.lat : null,
    lng: position ? row.lng : null,
    followPrivacy: row.follow_privacy,
    messagePrivacy: row.message_privacy,
    privacy: privileged ? toPrivacy(row) : null,
    meta: row.meta ? (JSON.parse(row.meta) as Record<string, unknown>) : {},
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const PRIVACY_COLUMNS = ['follow_privacy', 'confirm_followers', 'message_privacy', 'share_my_location', 'birth_privacy', 'show_online', 'post_privacy', 'phone_discoverable'];

/** The columns each User field reads (toUser and the User field resolvers that read only the id). */
export const USER_PROJECTION: Projection = {
  always: ['id'],
  fields: {
    id: [],
    databaseId: [],
    sid: ['sid'],
    msid: ['sid'],
    username: ['username'],
    email: ['email'],
    firstName: ['first_name'],
    middleName: ['middle_name'],
    lastName: ['last_name'],
    name: ['first_name', 'middle_name', 'last_name', 'username'],
    phone: ['phone'],
    address: ['address'],
    gender: ['gender'],
    birthday: ['birthday', 'birth_privacy'],
    about: ['about'],
    avatar: ['avatar'],
    cover: ['cover'],
    website: ['website'],
    working: ['working'],
    school: ['school'],
    countryId: ['country_id'],
    timezone: ['timezone'],
    lang: ['lang'],
    socialLinks: ['social_links'],
    roleDatabaseId: ['role_id'],
    role: ['role_id'],
    status: ['user_status'],
    isBot: ['is_bot'],
    verified: ['verified'],
    isPro: ['is_pro'],
    proType: ['pro_type'],
    userType: ['role_id'],
    packageDatabaseId: ['package_id'],
    package: ['package_id'],
    expiredDate: ['expired_date'],
    lastLoginAt: ['last_login_at'],
    lastLoginIp: ['last_login_ip'],
    loginCount: ['login_count', 'show_online'],
    presence: ['presence', 'show_online'],
    lastSeenAt: ['last_seen_at', 'show_online'],
    lat: ['lat'],
    lng: ['lng'],
    followPrivacy: ['follow_privacy'],
    messagePrivacy: ['message_privacy'],
    privacy: PRIVACY_COLUMNS,
    meta: ['meta'],
    createdAt: ['created_at'],
    updatedAt: ['updated_at'],
    postCount: [],
    commentCount: [],
    replyCount: [],
    followers: [],
    following: [],
    followerCount: [],
    followingCount: [],
    isFollowing: [],
    followRequested: [],
    followsViewer: [],
    isBlocked: [],
  },
};
