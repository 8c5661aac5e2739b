import { ErrorCode } from '../../errors';
import type { MarketingCreateUserMutation, MarketingPackagesQuery, MarketingUserFragment, MarketingUserInfoQuery } from '../../generated/operations';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyRoute } from '../route';
import { sqlDateTime } from './legacy-values';

/** The global id of a legacy number, when one was sent. */
function globalId(type: string, value: unknown): string | undefined {
  return value === undefined ? undefined : toGlobalId(type, Number(value));
}

/** The legacy words of the user types. */
const USER_TYPE_WORDS: Record<string, string> = { ADMIN: 'Admin', MEMBER: 'Member' };

function expiredDate(value: unknown): string {
  const text = String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    throw new LegacyError(ErrorCode.BadUserInput, 'expired_date must be a date in YYYY-MM-DD format');
  }
  return `${text}T00:00:00.000Z`;
}

/** Splits a full name into first name and the rest, the way the unified user keeps names. */
function nameFields(name: unknown): { firstName?: string; lastName?: string | null } {
  if (name === undefined) return {};
  const [first, ...rest] = String(name).trim().split(/\s+/);
  return { firstName: first, lastName: rest.length > 0 ? rest.join(' ') : null };
}

const USER_INFO = /* GraphQL */ `
  fragment MarketingUser on User { id: databaseId name email phone address userType status createdAt lastLoginAt expiredDate packageId: packageDatabaseId lastLoginIp }
`;

function userInfo(user: MarketingUserFragment) {
  return {
    id: String(user.id),
    name: user.name,
    email: user.email ?? '',
    mobile: user.phone ?? '',
    address: user.address ?? '',
    user_type: USER_TYPE_WORDS[user.userType],
    status: user.status === 'ACTIVE' ? '1' : '0',
    add_date: sqlDateTime(user.createdAt),
    last_login_at: sqlDateTime(user.lastLoginAt),
    expired_date: sqlDateTime(user.expiredDate),
    package_id: user.packageId === null ? '0' : String(user.packageId),
    last_login_ip: user.lastLoginIp ?? '',
  };
}

const UPDATE_FIELDS = ['name', 'mobile', 'address', 'package_id', 'expired_date'];

const updateUser: Omit<LegacyRoute, 'path' | 'summary'> = {
  method: 'POST',
  auth: 'admin',
  params: [
    { name: 'id', type: 'integer', in: 'path', required: true },
    { name: 'name', type: 'string' },
    { name: 'mobile', type: 'string' },
    { name: 'address', type: 'string' },
    { name: 'package_id', type: 'integer' },
    { name: 'expired_date', type: 'string', description: 'YYYY-MM-DD' },
  ],
  operation: /* GraphQL */ `mutation MarketingUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { id: databaseId } }`,
  variables: ({ values: v }) => {
    if (!UPDATE_FIELDS.some((f) => v[f] !== undefined)) {
      throw new LegacyError(ErrorCode.BadUserInput, 'You need to provide at least one more parameter with the api_key');
    }
    return {
      input: {
        userId: globalId('User', v.id),
        ...nameFields(v.name),
        phone: v.mobile,
        address: v.address,
        packageId: globalId('Package', v.package_id),
        expiredDate: v.expired_date === undefined ? undefined : expiredDate(v.expired_date),
      },
    };
  },
  respond: () => ({ status: 'success' }),
  errorMessages: { [ErrorCode.NotFound]: (input) => `User not found with the ID: ${String(input?.values.id ?? '')}` },
};

export const marketingRoutes: LegacyRoute[] = [
  {
    method: ['GET', 'POST'],
    path: '/get_user_info',
    summary: 'Get a user by user_id or email (admin)',
    auth: 'admin',
    params: [
      { name: 'user_id', type: 'integer' },
      { name: 'email', type: 'string' },
    ],
    operation: /* GraphQL */ `query MarketingUserInfo($id: ID, $email: String) { user(id: $id, email: $email) { ...MarketingUser } } ${USER_INFO}`,
    variables: ({ values: v }) => {
      if (v.user_id === undefined && v.email === undefined) throw new LegacyError(ErrorCode.BadUserInput, 'Use either user_id or email address');
      return v.user_id !== undefined ? { id: globalId('User', v.user_id) } : { email: v.email };
    },
    respond: (data: MarketingUserInfoQuery) => {
      if (!data.user) throw new LegacyError(ErrorCode.NotFound, 'No Matching User Found');
      return { status: 'success', user_info: userInfo(data.user) };
    },
    note: 'GET as documented; POST also accepted.',
  },
  {
    method: 'POST',
    path: '/create_system_user',
    summary: 'Create a system user (admin)',
    auth: 'admin',
    params: [
      { name: 'name', type: 'string', required: true },
      { name: 'email', type: 'string', required: true },
      { name: 'password', type: 'string', required: true },
      { name: 'package_id', type: 'integer', required: true },
      { name: 'expired_date', type: 'string', required: true, description: 'YYYY-MM-DD' },
      { name: 'mobile', type: 'string' },
      { name: 'address', type: 'string' },
    ],
    operation: /* GraphQL */ `mutation MarketingCreateUser($input: CreateUserInput!) { createUser(input: $input) { id: databaseId } }`,
    variables: ({ values: v }) => ({
      input: {
        ...nameFields(v.name),
        email: v.email,
        password: v.password,
        packageId: globalId('Package', v.package_id),
        expiredDate: expiredDate(v.expired_date),
        phone: v.mobile,
        address: v.address,
      },
    }),
    respond: (data: MarketingCreateUserMutation) => ({ status: 'success', id: data.createUser.id }),
    errorMessages: { [ErrorCode.Conflict]: 'Email already exists' },
  },
  { ...updateUser, path: '/update_user/:id', summary: 'Update a system user (admin)' },
  {
    ...updateUser,
    path: '/create_system_user/:id',
    summary: "Update a system user (admin), at the path the document's prose names",
    note: "The document's curl line says /update_user/{id} and its prose /create_system_user/{id}; both are served.",
  },
  {
    method: ['GET', 'POST'],
    path: '/get_all_packages',
    summary: 'Get every package',
    auth: 'user',
    operation: /* GraphQL */ `query MarketingPackages { packages { id: databaseId name moduleIds price validity deleted visible highlight } }`,
    respond: (data: MarketingPackagesQuery) => ({
      status: 'success',
      packages: data.packages.map((p) => ({
        id: String(p.id),
        package_name: p.name,
        module_ids: p.moduleIds.join(','),
        price: p.price,
        validity: String(p.validity),
        deleted: p.deleted ? '1' : '0',
        visible: p.visible ? '1' : '0',
        highlight: p.highlight ? '1' : '0',
      })),
    }),
    note: 'GET as documented; POST also accepted.',
  },
];
