import type {
  SocialAuthMutation,
  SocialCreateAccountMutation,
  SocialLoginMutation,
  SocialManyUsersQuery,
  SocialSessionFragment,
  SocialSiteSettingsQuery,
  SocialUserDataQuery,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { UploadedFile } from '../../media/uploaded-file';
import { idNumber } from '../input';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { ok } from './envelope';
import { SOCIAL_GROUP_FIELDS, SOCIAL_PAGE_FIELDS, socialGroup, socialPage } from './place.shape';
import { SOCIAL_USER_FIELDS, socialUser, userGlobalId } from './user.shape';
import { fetchKeys } from './fetch-keys';

/** `fetch` keys of get-user-data. */
const USER_FETCH_KEYS = ['user_data', 'followers', 'following', 'liked_pages', 'joined_groups'] as const;
/** How many followers, followings, liked pages and joined groups get-user-data lists (newest first). */
const USER_LIST_SIZE = 100;

/** Social field names that map one-to-one onto profile input fields ("any user field" in update-user-data). */
const PROFILE_FIELDS: Record<string, string> = {
  username: 'username',
  email: 'email',
  phone_number: 'phone',
  gender: 'gender',
  first_name: 'firstName',
  last_name: 'lastName',
  about: 'about',
  address: 'address',
  working: 'working',
  school: 'school',
  website: 'website',
  birthday: 'birthday',
  language: 'lang',
  timezone: 'timezone',
  avatar: 'avatar',
  cover: 'cover',
};
const INT_FIELDS: Record<string, string> = { country_id: 'countryId' };
const AUDIENCE = { '0': 'EVERYONE', '1': 'PEOPLE_I_FOLLOW', '2': 'NOBODY' };
const ON_OFF = { '0': false, '1': true };
/**
 * WoWonder's privacy fields, by their values, to the profile's `privacy` input. `status` 1 shows
 * the user online (as user_data's status and get-nearby-users read it), 0 appears offline.
 * `findable_by_phone` is the gateway's own: 1 lets others find the user among their contacts.
 */
const PRIVACY_FIELDS: Record<string, [string, Record<string, unknown>]> = {
  follow_privacy: ['followPrivacy', { '0': 'EVERYONE', '1': 'PEOPLE_I_FOLLOW' }],
  confirm_followers: ['confirmFollowers', ON_OFF],
  message_privacy: ['messagePrivacy', AUDIENCE],
  share_my_location: ['shareLocation', ON_OFF],
  birth_privacy: ['birthday', AUDIENCE],
  status: ['showOnline', ON_OFF],
  post_privacy: ['timelinePosts', { ...AUDIENCE, everyone: 'EVERYONE', ifollow: 'PEOPLE_I_FOLLOW', nobody: 'NOBODY' }],
  findable_by_phone: ['findableByPhone', ON_OFF],
};
const FLOAT_FIELDS: Record<string, string> = { lat: 'lat', lng: 'lng' };
const LINK_FIELDS = ['facebook', 'twitter', 'linkedin', 'instagram', 'youtube'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Builds an UpdateProfileInput from the social API's free-form field names. */
function profileFromSocialFields(raw: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of ['avatar', 'cover']) {
    if (raw[key] instanceof UploadedFile) input[`${key}File`] = raw[key];
    else if (raw[key] !== undefined && text(raw[key]) === undefined) throw new LegacyError(ErrorCode.BadUserInput, `${key} must be an image file or an image URL`);
  }
  for (const [key, field] of Object.entries(PROFILE_FIELDS)) if (text(raw[key]) !== undefined) input[field] = text(raw[key]);
  for (const [key, field] of Object.entries(INT_FIELDS)) {
    if (raw[key] === undefined) continue;
    if (!/^\d+$/.test(String(raw[key]))) throw new LegacyError(ErrorCode.BadUserInput, `${key} must be an integer`);
    input[field] = Number(raw[key]);
  }
  for (const [key, field] of Object.entries(FLOAT_FIELDS)) {
    if (raw[key] === undefined) continue;
    const n = Number(raw[key]);
    if (!Number.isFinite(n)) throw new LegacyError(ErrorCode.BadUserInput, `${key} must be a number`);
    input[field] = n;
  }
  const privacy: Record<string, unknown> = {};
  for (const [key, [field, values]] of Object.entries(PRIVACY_FIELDS)) {
    if (raw[key] === undefined) continue;
    const value = String(raw[key]);
    if (!Object.hasOwn(values, value)) throw new LegacyError(ErrorCode.BadUserInput, `${key} must be one of ${Object.keys(values).join(', ')}`);
    privacy[field] = values[value];
  }
  if (Object.keys(privacy).length > 0) input.privacy = privacy;
  const links = Object.fromEntries(LINK_FIELDS.filter((k) => text(raw[k]) !== undefined).map((k) => [k, text(raw[k])]));
  if (Object.keys(links).length > 0) input.socialLinks = links;
  if (raw.new_password !== undefined) {
    if (!raw.current_password) throw new LegacyError(ErrorCode.BadUserInput, 'current_password is required to set a new password');
    input.newPassword = text(raw.new_password);
  }
  // Also proves the caller when the email changes (the domain asks for it then).
  if (raw.current_password !== undefined) input.currentPassword = text(raw.current_password);
  if (Object.keys(input).every((field) => field === 'currentPassword')) throw new LegacyError(ErrorCode.BadUserInput, 'Send at least one user field to update');
  return input;
}

const SESSION_FIELDS = /* GraphQL */ `
  fragment SocialSession on AuthPayload { token user { id: databaseId timezone isPro } }
`;

function session(data: SocialSessionFragment, extra: Record<string, unknown> = {}) {
  return ok({ access_token: data.token, user_id: String(data.user.id), ...extra });
}

const FETCH: ParamSpec = { name: 'fetch', type: 'array', required: true, enum: USER_FETCH_KEYS, description: `Comma-separated: ${USER_FETCH_KEYS.join(', ')}` };

export const socialRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/get-site-settings',
    summary: 'Get site settings',
    auth: 'none',
    operation: /* GraphQL */ `query SocialSiteSettings { siteSettings }`,
    respond: (data: SocialSiteSettingsQuery) => ok({ config: data.siteSettings }),
  },
  {
    method: 'POST',
    path: '/auth',
    summary: 'Log in and get an access token',
    auth: 'none',
    params: [
      { name: 'username', type: 'string', required: true, description: 'Username or email' },
      { name: 'password', type: 'string', required: true },
      { name: 'timezone', type: 'string' },
      { name: 'device_id', type: 'string' },
    ],
    operation: /* GraphQL */ `mutation SocialAuth($input: LoginInput!) { login(input: $input) { ...SocialSession } } ${SESSION_FIELDS}`,
    variables: ({ values: v }) => ({ input: { login: v.username, password: v.password, timezone: v.timezone, deviceId: v.device_id } }),
    respond: (data: SocialAuthMutation) => session(data.login, { timezone: data.login.user.timezone, membership: data.login.user.isPro }),
  },
  {
    method: 'POST',
    path: '/social-login',
    summary: 'Log in with a Facebook or Google access token',
    auth: 'none',
    params: [
      { name: 'access_token', type: 'string', required: true, in: 'body', description: "The provider's access token" },
      { name: 'provider', type: 'string', required: true, enum: ['facebook', 'google'] },
      { name: 'google_key', type: 'string' },
    ],
    operation: /* GraphQL */ `mutation SocialLogin($input: SocialLoginInput!) { socialLogin(input: $input) { ...SocialSession } } ${SESSION_FIELDS}`,
    variables: ({ request, values: v }) => ({
      input: {
        provider: v.provider,
        accessToken: (request.body as Record<string, unknown> | undefined)?.access_token ?? v.access_token,
        googleKey: v.google_key,
      },
    }),
    respond: (data: SocialLoginMutation) => session(data.socialLogin, { timezone: data.socialLogin.user.timezone }),
    note: "access_token here is the provider's token and is read from the POST body.",
  },
  {
    method: 'POST',
    path: '/create-account',
    summary: 'Create an account and get an access token',
    auth: 'none',
    params: [
      { name: 'username', type: 'string', required: true },
      { name: 'password', type: 'string', required: true },
      { name: 'email', type: 'string', required: true },
      { name: 'confirm_password', type: 'string', required: true },
    ],
    operation: /* GraphQL */ `mutation SocialCreateAccount($input: RegisterInput!) { register(input: $input) { ...SocialSession } } ${SESSION_FIELDS}`,
    variables: ({ values: v }) => {
      if (v.password !== v.confirm_password) throw new LegacyError(ErrorCode.BadUserInput, 'Password not match');
      return { input: { username: v.username, password: v.password, email: v.email } };
    },
    respond: (data: SocialCreateAccountMutation) => session(data.register),
  },
  {
    method: 'POST',
    path: '/delete-access-token',
    summary: 'Log out (delete the access token)',
    auth: 'user',
    operation: /* GraphQL */ `mutation SocialLogout { logout }`,
    respond: () => ok(),
  },
  {
    method: 'POST',
    path: '/send-reset-password-email',
    summary: 'Send a password reset email',
    auth: 'none',
    params: [{ name: 'email', type: 'string', required: true }],
    operation: /* GraphQL */ `mutation SocialResetEmail($email: String!) { requestPasswordReset(email: $email) }`,
    variables: ({ values: v }) => ({ email: v.email }),
    respond: () => ok(),
    note: 'The document shows ?access_token; a user who forgot a password has none, so it is optional.',
  },
  {
    method: 'POST',
    path: '/get-user-data',
    summary: "Get a user's data, followers, following, liked pages and joined groups (fetch keys)",
    auth: 'user',
    params: [{ name: 'user_id', type: 'integer', required: true }, FETCH],
    operation: /* GraphQL */ `
      query SocialUserData($id: ID!, $size: Int!, $followers: Boolean!, $following: Boolean!, $pages: Boolean!, $groups: Boolean!) {
        user(id: $id) {
          ...SocialUser
          followers(first: $size) @include(if: $followers) { nodes { ...SocialUser } }
          following(first: $size) @include(if: $following) { nodes { ...SocialUser } }
          likedPages(first: $size) @include(if: $pages) { nodes { ...SocialPage } }
          groups(first: $size) @include(if: $groups) { nodes { ...SocialGroup } }
        }
      }
      ${SOCIAL_USER_FIELDS}
      ${SOCIAL_PAGE_FIELDS}
      ${SOCIAL_GROUP_FIELDS}
    `,
    variables: ({ values: v }) => {
      const wanted = fetchKeys(v, USER_FETCH_KEYS);
      return {
        id: userGlobalId(v.user_id),
        size: USER_LIST_SIZE,
        followers: wanted.includes('followers'),
        following: wanted.includes('following'),
        pages: wanted.includes('liked_pages'),
        groups: wanted.includes('joined_groups'),
      };
    },
    respond: (data: SocialUserDataQuery, { values }) => {
      if (!data.user) throw new LegacyError(ErrorCode.NotFound, 'User not found');
      const { user } = data;
      const body: Record<string, unknown> = {};
      if ((values.fetch as string[]).includes('user_data')) body.user_data = socialUser(user);
      if (user.followers) body.followers = user.followers.nodes.map(socialUser);
      if (user.following) body.following = user.following.nodes.map(socialUser);
      if (user.likedPages) body.liked_pages = user.likedPages.nodes.map(socialPage);
      if (user.groups) body.joined_groups = user.groups.nodes.map(socialGroup);
      return ok(body);
    },
    note: `Answers exactly the fetch keys asked for; each list holds at most ${USER_LIST_SIZE}, in the user_data, page_data and group_data shapes.`,
  },
  {
    method: 'POST',
    path: '/get-many-users-data',
    summary: "Get many users' data at once",
    auth: 'user',
    params: [{ name: 'user_ids', type: 'array', required: true, description: 'Comma-separated ids, at most 100' }],
    operation: /* GraphQL */ `query SocialManyUsers($ids: [ID!]!) { usersByIds(ids: $ids) { ...SocialUser } } ${SOCIAL_USER_FIELDS}`,
    variables: ({ values: v }) => {
      const ids = v.user_ids as string[];
      if (ids.some((id) => !/^\d+$/.test(id))) throw new LegacyError(ErrorCode.BadUserInput, 'user_ids must be numbers separated by commas');
      return { ids: ids.map((id) => toGlobalId('User', idNumber(id))) };
    },
    respond: (data: SocialManyUsersQuery) => ok({ users: data.usersByIds.map(socialUser) }),
    fieldNames: { ids: 'user_ids' },
  },
  {
    method: 'POST',
    path: '/update-user-data',
    summary: "Update the signed-in user's data (any user field; password and email with current_password)",
    auth: 'user',
    params: [
      { name: 'username', type: 'string' },
      { name: 'email', type: 'string' },
      { name: 'phone_number', type: 'string' },
      { name: 'new_password', type: 'string' },
      { name: 'current_password', type: 'string', description: 'Required with new_password, and to change the email' },
      { name: 'gender', type: 'string', enum: ['male', 'female'] },
      { name: 'avatar', type: 'file', description: 'An uploaded image (multipart: jpg, jpeg, png, gif) or an image URL as text' },
      { name: 'cover', type: 'file', description: 'An uploaded image (multipart: jpg, jpeg, png, gif) or an image URL as text' },
    ],
    operation: /* GraphQL */ `mutation SocialUpdateUser($input: UpdateProfileInput!) { updateProfile(input: $input) { id: databaseId } }`,
    variables: ({ raw }) => ({ input: profileFromSocialFields(raw) }),
    fieldNames: { avatarFile: 'avatar', coverFile: 'cover', currentPassword: 'current_password' },
    respond: () => ok({ message: 'Your profile was updated' }),
    note:
      "avatar and cover take an uploaded image (multipart: jpg, jpeg, png, gif) or an image URL as text. WoWonder's privacy fields: " +
      'follow_privacy (0 anyone follows at once, 1 people the user follows do and others ask), confirm_followers (1: every follow is a request), ' +
      'message_privacy and birth_privacy (0 everyone, 1 people the user follows, 2 nobody), share_my_location (0/1: found in nearby searches, by distance only), ' +
      'status (1 shown online, 0 appear offline: hides online status, last seen and login count), post_privacy (everyone, ifollow, nobody, or 0/1/2; stored: ' +
      "posts here go on their author's own timeline only) and the gateway's findable_by_phone (1: others find the user among their contacts; default 0).",
  },
  {
    method: 'POST',
    path: '/delete-user',
    summary: 'Delete the signed-in user',
    auth: 'user',
    params: [{ name: 'password', type: 'string', required: true }],
    operation: /* GraphQL */ `mutation SocialDeleteUser($password: String!) { deleteAccount(password: $password) }`,
    variables: ({ values: v }) => ({ password: v.password }),
    respond: () => ok({ message: 'User successfully deleted.' }),
  },
];
