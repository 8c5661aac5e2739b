import type {
  SocialActivitiesQuery,
  SocialBlockedUsersQuery,
  SocialFollowStateQuery,
  SocialFollowUserMutation,
  SocialNearbyUsersAtMutation,
  SocialNearbyUsersQuery,
  SocialSuggestionsQuery,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { encodeCursor } from '../../graphql/connection';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { ok } from './envelope';
import { checkNearbyFilter, legacyLimit, SOCIAL_ACTIVITY_FIELDS, SOCIAL_NEARBY_USER_FIELDS, socialActivity, socialNearbyUser } from './graph.shape';
import { SOCIAL_USER_FIELDS, socialUser } from './user.shape';

const USER_ID = (description: string): ParamSpec => ({ name: 'user_id', type: 'integer', required: true, description });
const LIMIT = (fallback: number): ParamSpec => ({ name: 'limit', type: 'integer', description: `Default: ${fallback}, at most 100` });

/** The user_id parameter as the global id the operations take. */
const userIdOf = (values: Record<string, unknown>) => toGlobalId('User', values.user_id as number);

/** The contacts field: a JSON list of phone numbers (strings or numbers). */
function parseContacts(raw: unknown): string[] | null {
  if (raw === undefined) return null;
  const fail = () => new LegacyError(ErrorCode.BadUserInput, 'contacts must be a JSON list of phone numbers, e.g. ["+123", "456"]');
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(raw));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === 'string' || typeof entry === 'number')) throw fail();
  return parsed.map(String);
}

export const socialGraphRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/follow-user',
    summary: 'Follow or unfollow a user (toggles); a user who approves followers gets a request',
    auth: 'user',
    params: [USER_ID('Who to follow')],
    // A toggle: the state first, then the setter that flips it.
    prelude: { operation: /* GraphQL */ `query SocialFollowState($userId: ID!) { followStatus(userId: $userId) }`, variables: ({ values }) => ({ userId: userIdOf(values) }) },
    operation: /* GraphQL */ `
      mutation SocialFollowUser($userId: ID!, $follow: Boolean!) { followUser(userId: $userId) @include(if: $follow) unfollowUser(userId: $userId) @skip(if: $follow) }
    `,
    variables: ({ values, prelude }) => ({ userId: userIdOf(values), follow: (prelude as SocialFollowStateQuery).followStatus === 'UNFOLLOWED' }),
    fieldNames: { userId: 'user_id' },
    respond: (data: SocialFollowUserMutation) => ok({ follow_status: data.followUser ? data.followUser.toLowerCase() : 'unfollowed' }),
    note:
      'follow_status is also "requested" when the user approves followers: confirm_followers 1 (every follow), or follow_privacy 1 (anyone the user does not follow); ' +
      'calling again while the request is pending withdraws it ("unfollowed").',
  },
  {
    method: 'POST',
    path: '/follow-request-action',
    summary: 'Accept or decline a pending follow request to the caller',
    auth: 'user',
    params: [USER_ID('Who to accept or decline'), { name: 'request_action', type: 'string', required: true, enum: ['accept', 'decline', 'accpet'] }],
    operation: /* GraphQL */ `mutation SocialFollowRequestAction($input: RespondToFollowRequestInput!) { respondToFollowRequest(input: $input) }`,
    variables: ({ values }) => ({ input: { userId: userIdOf(values), accept: values.request_action !== 'decline' } }),
    fieldNames: { userId: 'user_id' },
    respond: () => ok(),
    note: "request_action=accpet (the document's spelling) accepts too.",
  },
  {
    method: 'POST',
    path: '/block-user',
    summary: 'Block or unblock a user; a block removes follows and requests both ways',
    auth: 'user',
    params: [USER_ID('Who to block or un-block'), { name: 'block_action', type: 'string', required: true, enum: ['block', 'un-block'] }],
    operation: /* GraphQL */ `
      mutation SocialBlockUser($userId: ID!) { blockUser(userId: $userId) }
      mutation SocialUnblockUser($userId: ID!) { unblockUser(userId: $userId) }
    `,
    operationName: ({ values }) => (values.block_action === 'block' ? 'SocialBlockUser' : 'SocialUnblockUser'),
    variables: ({ values }) => ({ userId: userIdOf(values) }),
    fieldNames: { userId: 'user_id' },
    respond: (_data, { values }) => ok({ block_status: values.block_action === 'block' ? 'blocked' : 'un-blocked' }),
  },
  {
    method: 'POST',
    path: '/get-blocked-users',
    summary: 'The users the caller blocked',
    auth: 'user',
    operation: /* GraphQL */ `query SocialBlockedUsers { blockedUsers(first: 100) { nodes { ...SocialUser } } } ${SOCIAL_USER_FIELDS}`,
    respond: (data: SocialBlockedUsersQuery) => ok({ blocked_users: data.blockedUsers.nodes.map(socialUser) }),
  },
  {
    method: 'POST',
    path: '/get-activities',
    summary: 'Latest activities of the caller and the people they follow',
    auth: 'user',
    params: [LIMIT(25), { name: 'offset', type: 'integer', description: 'Get activities before this activity id' }],
    operation: /* GraphQL */ `
      query SocialActivities($first: Int!, $after: String) { activities(first: $first, after: $after) { nodes { ...SocialActivity } } }
      ${SOCIAL_ACTIVITY_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    // offset is an activity id: the cursor of that id (the list is keyed by id, newest first).
    variables: ({ values }) => ({ first: legacyLimit(values.limit, 25), after: values.offset ? encodeCursor([values.offset as number]) : null }),
    respond: (data: SocialActivitiesQuery) => ok({ activities: data.activities.nodes.map(socialActivity) }),
    note: "Each activity: id, user_id, activity_type (following, post, comment, reply, reaction), post_id, comment_id, reply_id, follow_id ('0' where not used), time, activator (user_data).",
  },
  {
    method: 'POST',
    path: '/get-nearby-users',
    summary: "Users near the caller (lat/lng also store the caller's position), nearest first",
    auth: 'user',
    params: [
      LIMIT(25),
      { name: 'offset', type: 'integer', description: 'Skip this many users (the list is ordered by distance)' },
      { name: 'gender', type: 'string', enum: ['male', 'female'] },
      { name: 'keyword', type: 'string', description: 'Part of the username, first or last name' },
      { name: 'status', type: 'string', enum: ['1', '0'], description: '1 online, 0 offline' },
      { name: 'distance', type: 'number', description: 'At most this many km away' },
      { name: 'lat', type: 'number', description: "The caller's latitude, -90 to 90; stored" },
      { name: 'lng', type: 'number', description: "The caller's longitude, -180 to 180; stored" },
    ],
    operation: /* GraphQL */ `
      query SocialNearbyUsers($filter: NearbyUsersFilter, $first: Int!, $offset: Int!) { nearbyUsers(filter: $filter, first: $first, offset: $offset) { edges { ...SocialNearbyUser } } }
      mutation SocialNearbyUsersAt($input: SetLocationInput!, $filter: NearbyUsersFilter, $first: Int!, $offset: Int!) {
        setLocation(input: $input) { nearbyUsers(filter: $filter, first: $first, offset: $offset) { edges { ...SocialNearbyUser } } }
      }
      ${SOCIAL_NEARBY_USER_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    operationName: ({ values }) => (values.lat !== undefined ? 'SocialNearbyUsersAt' : 'SocialNearbyUsers'),
    variables: ({ values: v }) => {
      if ((v.lat === undefined) !== (v.lng === undefined)) throw new LegacyError(ErrorCode.BadUserInput, 'Send lat and lng together');
      const filter = {
        distance: v.distance ?? null,
        gender: v.gender ?? null,
        keyword: v.keyword ?? null,
        presence: v.status === undefined ? null : v.status === '1' ? 'ONLINE' : 'OFFLINE',
      };
      // Checked before the position is stored, as when setLocation took them: bad ones store nothing.
      const first = legacyLimit(v.limit, 25);
      const offset = (v.offset as number | undefined) ?? 0;
      if (offset < 0) throw new LegacyError(ErrorCode.BadUserInput, 'offset must be 0 or more');
      checkNearbyFilter(filter);
      return { input: v.lat === undefined ? undefined : { lat: v.lat, lng: v.lng }, filter, first, offset };
    },
    respond: (data: Partial<SocialNearbyUsersQuery & SocialNearbyUsersAtMutation>) => ok({ nearby_users: (data.setLocation?.nearbyUsers ?? data.nearbyUsers)?.edges.map(socialNearbyUser) ?? [] }),
    note:
      'offset is documented as an id but the list is ordered by distance: it skips that many users. lat/lng are documented as strings and read as numbers; distance (int) takes decimals too. ' +
      'Each user adds distance (km, string); only users who share their location (share_my_location 1) are listed, and their own lat/lng read "0". ' +
      'Every parameter is optional: with no stored position and no lat/lng the list is empty.',
  },
  {
    method: 'POST',
    path: '/get-user-suggestions',
    summary: "People to follow, and the users among the caller's contacts (by phone number)",
    auth: 'user',
    params: [
      { name: 'contacts', type: 'string', description: 'A JSON list of phone numbers, e.g. ["+123", "456"]; digits are compared' },
      { name: 'limit', type: 'integer', description: 'How many suggestions; default 20, at most 100' },
    ],
    operation: /* GraphQL */ `
      query SocialSuggestions($contacts: [String!], $first: Int!) {
        suggestions(contacts: $contacts, first: $first) { people { ...SocialUser } contacts { ...SocialUser } }
      }
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values }) => ({ contacts: parseContacts(values.contacts), first: values.limit ?? 20 }),
    fieldNames: { first: 'limit' },
    respond: (data: SocialSuggestionsQuery) => ok({ suggestions: data.suggestions.people.map(socialUser), contacts_suggestions: data.suggestions.contacts.map(socialUser) }),
    note:
      'contacts entries may be strings or numbers; only their digits count, and they match only users who let others find them by phone (findable_by_phone 1). ' +
      'At most 500 numbers a call and 2000 an account a day: past either, api_status "429". suggestions: friends of friends first, then the most followed, never someone already followed or requested.',
  },
];
