import type { ChatLoginMutation } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyRoute } from '../route';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const chatRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/login',
    summary: 'Authenticate a user and get a Bearer token',
    auth: 'none',
    params: [
      { name: 'email', type: 'string', required: true, description: 'A valid email' },
      { name: 'password', type: 'string', required: true, description: 'At least 3 characters' },
    ],
    operation: /* GraphQL */ `mutation ChatLogin($input: LoginInput!) { login(input: $input) { token } }`,
    variables: ({ values: v }) => {
      if (!EMAIL.test(String(v.email))) throw new LegacyError(ErrorCode.BadUserInput, 'email must be a valid email address');
      if (String(v.password).length < 3) throw new LegacyError(ErrorCode.BadUserInput, 'password must be at least 3 characters');
      return { input: { login: v.email, password: v.password } };
    },
    respond: (data: ChatLoginMutation) => ({ token: data.login.token }),
    errorMessages: { [ErrorCode.Unauthenticated]: 'Invalid credentials' },
  },
  {
    method: 'POST',
    path: '/users/:user/set-status/:status',
    summary: 'Set a user online or offline',
    auth: 'user',
    params: [
      { name: 'user', type: 'integer', in: 'path', required: true },
      { name: 'status', type: 'string', in: 'path', required: true, enum: ['online', 'offline'] },
    ],
    operation: /* GraphQL */ `mutation ChatSetStatus($input: SetPresenceInput!) { setPresence(input: $input) { id: databaseId } }`,
    variables: ({ values: v }) => ({ input: { userId: toGlobalId('User', Number(v.user)), presence: String(v.status).toUpperCase() } }),
    respond: () => ({ status: 'success' }),
  },
];
