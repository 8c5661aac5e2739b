import type {
  SocialCommunityQuery,
  SocialCreateGroupMutation,
  SocialCreatePageMutation,
  SocialGroupDataQuery,
  SocialGroupMembershipQuery,
  SocialJoinGroupMutation,
  SocialLikePageMutation,
  SocialPageLikedQuery,
  SocialPageDataQuery,
  SocialSearchQuery,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { ok } from './envelope';
import { groupFromSocialFields, groupPrivacy, pageFromSocialFields } from './place.fields';
import { SOCIAL_GROUP_FIELDS, SOCIAL_PAGE_FIELDS, socialGroup, socialPage } from './place.shape';
import { SOCIAL_USER_FIELDS, socialUser, userGlobalId } from './user.shape';
import { fetchKeys } from './fetch-keys';
import { encodeCursor } from '../../graphql/connection';
import { legacyLimit } from './graph.shape';

const PAGE_FIELD_NAMES = {
  name: 'page_name',
  title: 'page_title',
  description: 'page_description',
  category: 'page_category',
  avatarFile: 'avatar',
  coverFile: 'cover',
  botEnabled: 'bot_enabled',
  pageId: 'page_id',
  callActionType: 'call_action_type',
  callActionTypeUrl: 'call_action_type_url',
};
const GROUP_FIELD_NAMES = { groupId: 'group_id', name: 'group_name', title: 'group_title', isPrivate: 'privacy', joinNeedsApproval: 'join_privacy', avatarFile: 'avatar', coverFile: 'cover' };
const HANDLE_RULE = '5-32 letters, digits or "_", unique';
const IMAGE = 'An uploaded image (multipart: jpg, jpeg, png, gif) or an image URL as text';

const PAGE_ID: ParamSpec = { name: 'page_id', type: 'integer', required: true };
const GROUP_ID: ParamSpec = { name: 'group_id', type: 'integer', required: true };
const PRIVACY: ParamSpec = { name: 'privacy', type: 'string', enum: ['1', '0'], description: '1 public, 0 private' };
const JOIN_PRIVACY: ParamSpec = { name: 'join_privacy', type: 'string', enum: ['1', '2'], description: "1 anyone joins, 2 joining needs the owner's approval" };
const COMMUNITY_KEYS = ['groups', 'pages'] as const;
const PAGE_NOTE =
  'page_data keys: page_id, user_id (owner), page_name, page_title, page_description, page_category, avatar, cover, url, website, phone, address, ' +
  'facebook, twitter, instagram, instgram, linkedin, youtube, vk, google, company, call_action_type, call_action_type_url, verified, boosted, bot_enabled, ' +
  'likes_count, is_liked, is_page_onwer, registered (unix time), name, username, about, type; ids, flags and counts as strings.';
const GROUP_NOTE =
  'group_data keys: group_id, user_id (owner), group_name, group_title, about, category, privacy (1/0), join_privacy (1/2), avatar, cover, url, ' +
  'members_count, is_joined, join_requested, is_owner, registered (unix time), name, username, type; ids, flags and counts as strings.';

export const socialPlaceRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/create-page',
    summary: 'Create a page and get its data',
    auth: 'user',
    params: [
      { name: 'page_name', type: 'string', required: true, description: `The page's handle: ${HANDLE_RULE}` },
      { name: 'page_title', type: 'string', required: true },
      { name: 'page_category', type: 'string', required: true },
      { name: 'page_description', type: 'string', required: true },
      { name: 'website', type: 'string' },
      { name: 'phone', type: 'string' },
      { name: 'address', type: 'string' },
    ],
    operation: /* GraphQL */ `
      mutation SocialCreatePage($input: CreatePageInput!) { createPage(input: $input) { ...SocialPage } }
      ${SOCIAL_PAGE_FIELDS}
    `,
    variables: ({ values: v }) => ({
      input: { name: v.page_name, title: v.page_title, category: v.page_category, description: v.page_description, website: v.website, phone: v.phone, address: v.address },
    }),
    fieldNames: PAGE_FIELD_NAMES,
    respond: (data: SocialCreatePageMutation) => ok({ page_data: socialPage(data.createPage) }),
    note: `The document swaps the descriptions of page_category ("Page about info") and page_description ("Category ID"): each is read by its name, and page_category takes any text. ${PAGE_NOTE}`,
  },
  {
    method: 'POST',
    path: '/update-page-data',
    summary: 'Update a page (its owner): named fields, any other page field, avatar and cover',
    auth: 'user',
    params: [
      PAGE_ID,
      { name: 'page_name', type: 'string', description: HANDLE_RULE },
      { name: 'page_title', type: 'string' },
      { name: 'page_description', type: 'string' },
      { name: 'page_category', type: 'string' },
      { name: 'avatar', type: 'file', description: IMAGE },
      { name: 'cover', type: 'file', description: IMAGE },
      { name: 'bot_enabled', type: 'string', enum: ['1', '0'], description: "Turns the page's Messenger bot on or off" },
    ],
    operation: /* GraphQL */ `mutation SocialUpdatePage($input: UpdatePageInput!) { updatePage(input: $input) { id: databaseId } }`,
    variables: ({ values, raw }) => ({ input: { pageId: toGlobalId('Page', values.page_id as number), ...pageFromSocialFields(raw) } }),
    fieldNames: PAGE_FIELD_NAMES,
    respond: () => ok({ message: 'Your page was updated' }),
    note:
      'page_id is typed string here and int elsewhere: a number as text or as a number is accepted. Other page fields: website, phone, address, facebook, twitter, ' +
      'instagram (or instgram), linkedin, youtube, vk, google, company, call_action_type, call_action_type_url, bot_enabled; unknown fields are ignored. ' +
      "Only the page's owner (or an admin) may update it.",
  },
  {
    method: 'POST',
    path: '/get-page-data',
    summary: "Get a page's data",
    auth: 'user',
    params: [PAGE_ID],
    operation: /* GraphQL */ `query SocialPageData($id: ID!) { page(id: $id) { ...SocialPage } } ${SOCIAL_PAGE_FIELDS}`,
    variables: ({ values }) => ({ id: toGlobalId('Page', values.page_id as number) }),
    respond: (data: SocialPageDataQuery) => {
      if (!data.page) throw new LegacyError(ErrorCode.NotFound, 'Page not found');
      return ok({ page_data: socialPage(data.page) });
    },
    note: PAGE_NOTE,
  },
  {
    method: 'POST',
    path: '/like-page',
    summary: 'Like a page, or take the like back (toggles)',
    auth: 'user',
    params: [PAGE_ID],
    prelude: {
      operation: /* GraphQL */ `query SocialPageLiked($id: ID!) { page(id: $id) { viewerLikes } }`,
      variables: ({ values }) => ({ id: toGlobalId('Page', values.page_id as number) }),
    },
    operation: /* GraphQL */ `mutation SocialLikePage($input: SetPageLikedInput!) { setPageLiked(input: $input) { viewerLikes } }`,
    variables: ({ values, prelude }) => ({ input: { pageId: toGlobalId('Page', values.page_id as number), liked: !(prelude as SocialPageLikedQuery).page?.viewerLikes } }),
    fieldNames: { pageId: 'page_id' },
    respond: (data: SocialLikePageMutation) => ok({ like_status: data.setPageLiked.viewerLikes ? 'liked' : 'unliked' }),
  },
  {
    method: 'POST',
    path: '/create-group',
    summary: 'Create a group (the caller becomes its first member) and get its data',
    auth: 'user',
    params: [
      { name: 'group_name', type: 'string', required: true, description: `The group's handle: ${HANDLE_RULE}` },
      { name: 'group_title', type: 'string', required: true },
      { name: 'about', type: 'string', required: true },
      { name: 'category', type: 'string', required: true },
      PRIVACY,
      JOIN_PRIVACY,
    ],
    operation: /* GraphQL */ `
      mutation SocialCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { ...SocialGroup } }
      ${SOCIAL_GROUP_FIELDS}
    `,
    variables: ({ values: v, raw }) => ({ input: { name: v.group_name, title: v.group_title, about: v.about, category: v.category, ...groupPrivacy(raw) } }),
    fieldNames: GROUP_FIELD_NAMES,
    respond: (data: SocialCreateGroupMutation) => ok({ group_data: socialGroup(data.createGroup) }),
    note: `category is typed int (a category id) but is kept as text: a number or a name is accepted. ${GROUP_NOTE}`,
  },
  {
    method: 'POST',
    path: '/update-group-data',
    summary: 'Update a group (its owner): name, title, about, category, privacy, avatar and cover',
    auth: 'user',
    params: [
      GROUP_ID,
      { name: 'group_name', type: 'string', description: HANDLE_RULE },
      { name: 'group_title', type: 'string' },
      { name: 'about', type: 'string' },
      { name: 'category', type: 'string' },
      PRIVACY,
      JOIN_PRIVACY,
      { name: 'avatar', type: 'file', description: IMAGE },
      { name: 'cover', type: 'file', description: IMAGE },
    ],
    operation: /* GraphQL */ `mutation SocialUpdateGroup($input: UpdateGroupInput!) { updateGroup(input: $input) { id: databaseId } }`,
    variables: ({ values, raw }) => ({ input: { groupId: toGlobalId('Group', values.group_id as number), ...groupFromSocialFields(raw) } }),
    fieldNames: GROUP_FIELD_NAMES,
    respond: () => ok({ message: 'Your group was updated' }),
    note:
      "group_id is typed string here and int elsewhere: both are accepted. join_privacy 1 (anyone) / 2 (approval) is WoWonder's; setting it to 1 lets pending requests in. " +
      "Only the group's owner (or an admin) may update it.",
  },
  {
    method: 'POST',
    path: '/get-group-data',
    summary: "Get a group's data",
    auth: 'user',
    params: [GROUP_ID],
    operation: /* GraphQL */ `query SocialGroupData($id: ID!) { group(id: $id) { ...SocialGroup } } ${SOCIAL_GROUP_FIELDS}`,
    variables: ({ values }) => ({ id: toGlobalId('Group', values.group_id as number) }),
    respond: (data: SocialGroupDataQuery) => {
      if (!data.group) throw new LegacyError(ErrorCode.NotFound, 'Group not found');
      return ok({ group_data: socialGroup(data.group) });
    },
    note: GROUP_NOTE,
  },
  {
    method: 'POST',
    path: '/join-group',
    summary: 'Join or leave a group (toggles); a group that needs approval takes a request',
    auth: 'user',
    params: [GROUP_ID],
    prelude: {
      operation: /* GraphQL */ `query SocialGroupMembership($id: ID!) { group(id: $id) { viewerMembership } }`,
      variables: ({ values }) => ({ id: toGlobalId('Group', values.group_id as number) }),
    },
    operation: /* GraphQL */ `mutation SocialJoinGroup($input: SetGroupMembershipInput!) { setGroupMembership(input: $input) { viewerMembership } }`,
    variables: ({ values, prelude }) => {
      const current = (prelude as SocialGroupMembershipQuery).group?.viewerMembership ?? 'NONE';
      return { input: { groupId: toGlobalId('Group', values.group_id as number), member: current === 'NONE' } };
    },
    fieldNames: { groupId: 'group_id' },
    respond: (data: SocialJoinGroupMutation) => {
      const status = data.setGroupMembership.viewerMembership;
      return ok({ join_status: status === 'MEMBER' ? 'joined' : status === 'PENDING' ? 'requested' : 'left' });
    },
    note: 'join_status is "requested" when the group needs approval (join_privacy 2); calling again withdraws the request ("left"). The owner cannot leave their own group.',
  },
  {
    method: 'POST',
    path: '/get-community',
    summary: 'Get the groups and pages a user owns (fetch keys)',
    auth: 'user',
    params: [
      { name: 'user_id', type: 'integer', required: true },
      { name: 'fetch', type: 'array', required: true, enum: COMMUNITY_KEYS, description: `Comma-separated: ${COMMUNITY_KEYS.join(', ')}` },
    ],
    operation: /* GraphQL */ `
      query SocialCommunity($id: ID!, $groups: Boolean!, $pages: Boolean!) {
        user(id: $id) {
          ownedGroups(first: 100) @include(if: $groups) { nodes { ...SocialGroup } }
          ownedPages(first: 100) @include(if: $pages) { nodes { ...SocialPage } }
        }
      }
      ${SOCIAL_GROUP_FIELDS}
      ${SOCIAL_PAGE_FIELDS}
    `,
    variables: ({ values }) => {
      const wanted = fetchKeys(values, COMMUNITY_KEYS);
      return { id: userGlobalId(values.user_id), groups: wanted.includes('groups'), pages: wanted.includes('pages') };
    },
    respond: (data: SocialCommunityQuery) => {
      if (!data.user) throw new LegacyError(ErrorCode.NotFound, 'User not found');
      const body: Record<string, unknown> = {};
      if (data.user.ownedGroups) body.groups = data.user.ownedGroups.nodes.map(socialGroup);
      if (data.user.ownedPages) body.pages = data.user.ownedPages.nodes.map(socialPage);
      return ok(body);
    },
    note: "groups and pages hold the user's newest 100 of each, in the group_data and page_data shapes.",
  },
  {
    method: 'POST',
    path: '/search',
    summary: 'Search users, pages and groups by name',
    auth: 'user',
    params: [
      { name: 'search_key', type: 'string', required: true, description: 'Matched case-insensitively anywhere in names and titles; % and _ match themselves' },
      { name: 'limit', type: 'integer', description: 'Per list; default 35, at most 100' },
      { name: 'user_offset', type: 'integer', description: 'Users with ids below this one' },
      { name: 'page_offset', type: 'integer', description: 'Pages with ids below this one' },
      { name: 'group_offset', type: 'integer', description: 'Groups with ids below this one' },
      { name: 'gender', type: 'string', enum: ['male', 'female'], description: 'Filters the users' },
    ],
    operation: /* GraphQL */ `
      query SocialSearch($query: String!, $first: Int!, $userAfter: String, $pageAfter: String, $groupAfter: String, $gender: String) {
        search(query: $query, gender: $gender) {
          users(first: $first, after: $userAfter) { nodes { ...SocialUser } }
          pages(first: $first, after: $pageAfter) { nodes { ...SocialPage } }
          groups(first: $first, after: $groupAfter) { nodes { ...SocialGroup } }
        }
      }
      ${SOCIAL_USER_FIELDS}
      ${SOCIAL_PAGE_FIELDS}
      ${SOCIAL_GROUP_FIELDS}
    `,
    variables: ({ values: v }) => {
      const first = legacyLimit(v.limit, 35);
      // Each list starts below its offset id (0 or none: from the newest): the cursor of that id.
      const below = (name: string) => {
        const id = v[name] as number | undefined;
        if (id !== undefined && id < 0) throw new LegacyError(ErrorCode.BadUserInput, `${name} must not be negative`);
        return id ? encodeCursor([id]) : null;
      };
      return { query: v.search_key, first, userAfter: below('user_offset'), pageAfter: below('page_offset'), groupAfter: below('group_offset'), gender: v.gender ?? null };
    },
    fieldNames: { query: 'search_key' },
    respond: (data: SocialSearchQuery) => ok({ users: data.search.users.nodes.map(socialUser), pages: data.search.pages.nodes.map(socialPage), groups: data.search.groups.nodes.map(socialGroup) }),
    note: "users are in the user_data shape, pages in page_data's, groups in group_data's; each list is newest (highest id) first. Deleted users, and users blocked either way, are left out.",
  },
];
