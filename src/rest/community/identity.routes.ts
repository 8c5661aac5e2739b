import type {
  CommunityCreateUserMutation,
  CommunityMeQuery,
  CommunityRolesQuery,
  CommunitySetRoleMutation,
  CommunityUpdateUserMutation,
  CommunityUserQuery,
  CommunityUsersQuery,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyInput, type LegacyRoute } from '../route';
import { page } from './envelope';
import { idNumber, int32Bound } from '../input';
import { toGlobalId } from '../../graphql/node';
import { PAGING_PARAMS, pageVariables } from './paging';
import { communityUser, communityUserSummary, USER_FIELDS, USER_STATUS_CODES } from './user.shape';

const STATUS_BY_CODE = Object.fromEntries(Object.entries(USER_STATUS_CODES).map(([name, code]) => [String(code), name]));

/** `{msid}` is an msid; a bare user_id is accepted too, as the document allows with LIST permission. */
function userRef(input: LegacyInput): { id?: string; msid?: string } {
  const key = String(input.values.msid);
  return /^\d+$/.test(key) ? { id: toGlobalId('User', idNumber(key)) } : { msid: key };
}

/** The connection window of a numbered page (`page` from 1), as the API pages: BAD_USER_INPUT below 1. */
function pageWindow(values: Record<string, unknown>): { first: number; offset: number } {
  const { page, pageSize } = pageVariables(values);
  if (page < 1) throw new LegacyError(ErrorCode.BadUserInput, 'page starts at 1');
  if (pageSize < 1) throw new LegacyError(ErrorCode.BadUserInput, 'pageSize must be at least 1');
  return { first: pageSize, offset: int32Bound((page - 1) * pageSize) };
}

/** Body fields shared by create and update, in GraphQL's names. */
function profileInput(v: Record<string, unknown>) {
  const links = v.social_media_links as Record<string, unknown> | undefined;
  return {
    firstName: v.first_name,
    middleName: v.middle_name,
    lastName: v.last_name,
    username: v.username,
    avatar: v.user_avatar,
    lang: v.lang,
    timezone: v.timezone,
    about: v.user_description,
    cover: v.banner,
    socialLinks: links ? { twitter: links.Twitter ?? links.twitter, linkedin: links.Linkedin ?? links.linkedin } : undefined,
  };
}

const PROFILE_PARAMS = [
  { name: 'middle_name', type: 'string' },
  { name: 'last_name', type: 'string', description: 'The document types it boolean; it is text.' },
  { name: 'username', type: 'string', description: 'Case-insensitive; letters, digits, _ and . (the document types it integer; it is text).' },
  { name: 'user_avatar', type: 'string' },
  { name: 'lang', type: 'string' },
  { name: 'timezone', type: 'string' },
] as const;

export const communityRoutes: LegacyRoute[] = [
  {
    method: 'GET',
    path: '/users/me',
    summary: 'Details about self',
    auth: 'user',
    operation: /* GraphQL */ `query CommunityMe { viewer { ...CommunityUser } } ${USER_FIELDS}`,
    respond: (data: CommunityMeQuery) => {
      if (!data.viewer) throw new LegacyError(ErrorCode.Forbidden, 'Incorrect api key');
      return communityUser(data.viewer);
    },
  },
  {
    method: 'POST',
    path: '/users',
    summary: 'Create a user (admin API key)',
    auth: 'admin',
    params: [{ name: 'first_name', type: 'string', required: true }, { name: 'email', type: 'string', required: true }, ...PROFILE_PARAMS, { name: 'sso_id', type: 'string' }],
    operation: /* GraphQL */ `mutation CommunityCreateUser($input: CreateUserInput!) { createUser(input: $input) { ...CommunityUser } } ${USER_FIELDS}`,
    variables: ({ values: v }) => ({ input: { ...profileInput(v), email: v.email, ssoId: v.sso_id } }),
    respond: (data: CommunityCreateUserMutation) => communityUser(data.createUser),
  },
  {
    method: 'GET',
    path: '/users',
    summary: 'Get user list (paging, sort_by, order, status; has_more header)',
    auth: 'user',
    params: [
      ...PAGING_PARAMS,
      { name: 'sort_by', type: 'string', enum: ['user_id', 'joined', 'name'] },
      { name: 'order', type: 'string', enum: ['asc', 'desc'] },
      { name: 'status', type: 'integer', description: 'A user_status code; default 10 (ACTIVE).' },
    ],
    operation: /* GraphQL */ `query CommunityUsers($filter: UsersFilter, $orderBy: UserOrder!, $first: Int!, $offset: Int!) {
      users(filter: $filter, orderBy: $orderBy, first: $first, offset: $offset) { pageInfo { hasNextPage } nodes { ...CommunityUser } }
    } ${USER_FIELDS}`,
    variables: ({ values: v }) => {
      const status = v.status === undefined ? 'ACTIVE' : STATUS_BY_CODE[String(v.status)];
      if (!status) throw new LegacyError(ErrorCode.BadUserInput, `status must be one of ${Object.values(USER_STATUS_CODES).join(', ')}`);
      return {
        filter: { statuses: [status] },
        orderBy: `${String(v.sort_by ?? 'user_id')}_${String(v.order ?? 'desc')}`.toUpperCase(),
        ...pageWindow(v),
      };
    },
    respond: (data: CommunityUsersQuery) => page(data.users.nodes.map(communityUserSummary), data.users.pageInfo.hasNextPage),
    note: 'The document names this GET /api/v1/users/{msid}; the list is served at /api/v1/users.',
  },
  {
    method: 'GET',
    path: '/users/:msid',
    summary: 'Get user details by msid (or user_id)',
    auth: 'user',
    params: [{ name: 'msid', type: 'string', in: 'path', required: true }],
    operation: /* GraphQL */ `query CommunityUser($id: ID, $msid: String) { user(id: $id, msid: $msid) { ...CommunityUser } } ${USER_FIELDS}`,
    variables: userRef,
    respond: (data: CommunityUserQuery) => {
      if (!data.user) throw new LegacyError(ErrorCode.NotFound, 'User not found');
      return communityUser(data.user);
    },
  },
  {
    method: 'PUT',
    path: '/users/:msid',
    summary: 'Update user details',
    auth: 'user',
    params: [
      { name: 'msid', type: 'string', in: 'path', required: true },
      { name: 'first_name', type: 'string', required: true },
      ...PROFILE_PARAMS,
      { name: 'user_description', type: 'string' },
      { name: 'banner', type: 'string' },
      { name: 'social_media_links', type: 'object', description: '{"Twitter": url, "Linkedin": url}' },
    ],
    operation: /* GraphQL */ `mutation CommunityUpdateUser($input: UpdateUserInput!) {
      updateUser(input: $input) { ...CommunityUser }
    } ${USER_FIELDS}`,
    variables: (input) => {
      const ref = userRef(input);
      return { input: { userId: ref.id, msid: ref.msid, ...profileInput(input.values) } };
    },
    fieldNames: { avatar: 'user_avatar', cover: 'banner' },
    respond: (data: CommunityUpdateUserMutation) => communityUser(data.updateUser),
  },
  {
    method: 'PATCH',
    path: '/users/:msid',
    summary: 'Patch user details: action 101 changes the role (admin API key)',
    auth: 'admin',
    params: [
      { name: 'msid', type: 'string', in: 'path', required: true },
      { name: 'action', type: 'integer', required: true, description: '101: update role' },
      { name: 'data', type: 'object', required: true, description: '{"role_id": n}' },
      { name: 'details', type: 'string' },
    ],
    operation: /* GraphQL */ `mutation CommunitySetRole($input: SetUserRoleInput!) {
      setUserRole(input: $input) { ...CommunityUser }
    } ${USER_FIELDS}`,
    variables: (input) => {
      const { action, data } = input.values as { action: number; data: Record<string, unknown> };
      if (action !== 101) throw new LegacyError(ErrorCode.BadUserInput, 'action must be 101 (update::role)');
      if (!Number.isInteger(data.role_id)) throw new LegacyError(ErrorCode.BadUserInput, 'data.role_id must be an integer');
      const ref = userRef(input);
      return { input: { userId: ref.id, msid: ref.msid, roleId: toGlobalId('Role', int32Bound(data.role_id as number)) } };
    },
    respond: (data: CommunitySetRoleMutation) => communityUser(data.setUserRole),
  },
  {
    method: 'GET',
    path: '/roles',
    summary: 'Get list of roles',
    auth: 'user',
    operation: /* GraphQL */ `query CommunityRoles { roles { id: databaseId name details isDefault } }`,
    respond: (data: CommunityRolesQuery) =>
      page(
        data.roles.map((r) => ({ role_id: r.id, role_name: r.name, role_details: r.details, is_default: r.isDefault })),
        false,
      ),
    note: 'The whole list in one answer: has_more is always 0.',
  },
];
