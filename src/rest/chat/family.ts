import { authenticateToken, bearerToken } from '../../auth/authenticate';
import { ErrorCode, httpStatusOf } from '../../errors';
import { LegacyError, type LegacyFamily, type LegacyReply } from '../route';
import { chatChatRoutes } from './chat.routes';
import { chatRoutes } from './identity.routes';

const LEGACY_STATUS: Record<string, number> = { [ErrorCode.BadUserInput]: 422, METHOD_NOT_ALLOWED: 405, NO_ENDPOINT: 404, GONE: 410 };

/** `{"status":"error","message":…}` with a real HTTP status (422 for invalid input). */
export function chatError(error: LegacyError): LegacyReply {
  const status = LEGACY_STATUS[error.code] ?? httpStatusOf(error.code);
  return { status, body: { status: 'error', message: error.message } };
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
  // Every credential is a header.
  async authenticateBeforeBody(request, route, services) {
    await chatFamily.authenticate(request, route, services);
  },
  renderError: (error) => chatError(error),
  routes: [...chatRoutes, ...chatChatRoutes],
  security: {
    schemes: { chatBearer: { type: 'http', scheme: 'bearer', description: '`Authorization: Bearer <token>`, the token POST /api/login answers.' } },
  },
  description:
    'The chat API: `Authorization: Bearer <token>` with the token from POST /api/login. Successes are `{"status":"success",…}`; ' +
    'errors are `{"status":"error","message":…}` with a real HTTP status: 401 without a valid token, 403, 404, 409, 422 for invalid input, 429.',
};
