import type { SocialGroupFragment, SocialPageFragment } from '../../generated/operations';
import { flag, unixTime } from './legacy-values';

/**
 * The page fields the social API sends and reads by its own names (`instgram` is its spelling),
 * with the PageDetails field each one is.
 */
export const PAGE_DETAIL_FIELDS = {
  facebook: 'facebook',
  twitter: 'twitter',
  instagram: 'instagram',
  instgram: 'instgram',
  linkedin: 'linkedin',
  youtube: 'youtube',
  vk: 'vk',
  google: 'google',
  company: 'company',
  call_action_type: 'callActionType',
  call_action_type_url: 'callActionTypeUrl',
} as const;

/** The page fields the social operations select (`viewerLikes` for `is_liked`). */
export const SOCIAL_PAGE_FIELDS = /* GraphQL */ `
  fragment SocialPage on Page {
    id: databaseId name title description category avatar cover website phone address verified promoted botEnabled
    likeCount ownerId: ownerDatabaseId url createdAt viewerLikes viewerIsOwner
    details { facebook twitter instagram instgram linkedin youtube vk google company callActionType callActionTypeUrl }
  }
`;

/** The group fields the social operations select (`viewerMembership` for `is_joined`). */
export const SOCIAL_GROUP_FIELDS = /* GraphQL */ `
  fragment SocialGroup on Group {
    id: databaseId name title about category isPrivate joinNeedsApproval avatar cover memberCount ownerId: ownerDatabaseId url createdAt
    viewerMembership viewerIsOwner
  }
`;

/**
 * A page as the social API's `page_data` shows one, WoWonder style: ids, flags, counts and times as
 * strings; `is_liked` and `is_page_onwer` (WoWonder's spelling) for the caller; every extra field
 * (facebook, company, call_action_type …) present, '' when unset.
 */
export function socialPage(page: SocialPageFragment): Record<string, unknown> {
  const extras = Object.fromEntries(Object.entries(PAGE_DETAIL_FIELDS).map(([key, field]) => [key, page.details[field] ?? '']));
  return {
    page_id: String(page.id),
    user_id: String(page.ownerId),
    page_name: page.name,
    page_title: page.title,
    page_description: page.description,
    page_category: page.category ?? '',
    avatar: page.avatar ?? '',
    cover: page.cover ?? '',
    url: page.url,
    website: page.website ?? '',
    phone: page.phone ?? '',
    address: page.address ?? '',
    ...extras,
    verified: flag(page.verified),
    boosted: flag(page.promoted),
    bot_enabled: flag(page.botEnabled),
    likes_count: String(page.likeCount),
    is_liked: flag(page.viewerLikes),
    is_page_onwer: flag(page.viewerIsOwner),
    registered: unixTime(page.createdAt),
    name: page.title,
    username: page.name,
    about: page.description,
    type: 'page',
  };
}

/**
 * A group as the social API's `group_data` shows one, WoWonder style: privacy "1" public / "0"
 * private, join_privacy "1" anyone / "2" approval; `is_joined` ("1" a member), `join_requested`
 * ("1" waiting for approval) and `is_owner` for the caller.
 */
export function socialGroup(group: SocialGroupFragment): Record<string, unknown> {
  return {
    group_id: String(group.id),
    user_id: String(group.ownerId),
    group_name: group.name,
    group_title: group.title,
    about: group.about,
    category: group.category ?? '',
    privacy: group.isPrivate ? '0' : '1',
    join_privacy: group.joinNeedsApproval ? '2' : '1',
    avatar: group.avatar ?? '',
    cover: group.cover ?? '',
    url: group.url,
    members_count: String(group.memberCount),
    is_joined: flag(group.viewerMembership === 'MEMBER'),
    join_requested: flag(group.viewerMembership === 'PENDING'),
    is_owner: flag(group.viewerIsOwner),
    registered: unixTime(group.createdAt),
    name: group.title,
    username: group.name,
    type: 'group',
  };
}
