import { authenticateToken, bearerToken } from '../../auth/authenticate';
import { ErrorCode } from '../../graphql/errors';
import { LegacyError, type LegacyFamily, type LegacyReply } from '../route';
import { chatRoutes } from './routes';

const STATUS: Record<string, number> = {
  [ErrorCode.BadUserInput]: 422,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.NotConfigured]: 501,
};

/** `{"status":"error","message":…}` with a real HTTP status (422 for invalid input). */
export function chatError(error: LegacyError): LegacyReply {
  return { status: STATUS[error.code] ?? 500, body: { status: 'error', message: error.message } };
}

/** The chat API: `Authorization: Bearer <token>` from `/api/login`; `{"status":"success",…}` bodies. */
export const chatFamily: LegacyFamily = {
  name: 'chat',
  title: 'Chat API',
  prefix: '/api',
  async authenticate(request, route, services) {
    if (route.auth === 'none') return null;
    const token = bearerToken(request.headers.authorization);
    const viewer = token ? await authenticateToken(services.db, token, 'bearer') : null;
    if (!viewer) throw new LegacyError(ErrorCode.Unauthenticated, 'Unauthenticated.');
    return viewer;
  },
  renderError: (error) => chatError(error),
  routes: chatRoutes,
  security: { chatBearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/login.' } },
  errorSchema: { type: 'object', properties: { status: { const: 'error' }, message: { type: 'string' } } },
};
