import { authenticateApiKey, basicCredentials } from '../../auth/authenticate';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyFamily } from '../route';
import { communityError } from './envelope';
import { boardRoutes } from './board.routes';
import { postRoutes } from './post.routes';
import { communityRoutes } from './identity.routes';
import { tagRoutes } from './tag.routes';
import { communityWebhookRoutes } from './webhook.routes';

/** The community API (`/api/v1`): HTTP Basic whose password is an API key; plain JSON; 403 for a bad key. */
export const communityFamily: LegacyFamily = {
  name: 'community',
  title: 'Community API',
  prefix: '/api/v1',
  async authenticate(request, route, services) {
    const credentials = basicCredentials(request.headers.authorization);
    const viewer = credentials ? await authenticateApiKey(services.db, credentials.password, 'basic_api_key', credentials.username || null) : null;
    if (!viewer) throw new LegacyError(ErrorCode.Forbidden, 'Incorrect api key');
    if (route.auth === 'admin' && !viewer.isAdmin) throw new LegacyError(ErrorCode.Forbidden, 'This API key may not do this');
    return viewer;
  },
  renderError: (error) => communityError(error),
  routes: [...communityRoutes, ...boardRoutes, ...postRoutes, ...tagRoutes, ...communityWebhookRoutes],
  security: {
    schemes: {
      communityBasic: {
        type: 'http',
        scheme: 'basic',
        description: 'HTTP Basic: the username names the calling system (kept for the audit log), the password is an API key.',
      },
    },
  },
  description:
    'The community API under `/api/v1`: HTTP Basic whose username names the calling system and whose password is an API key. ' +
    'Plain JSON bodies; lists carry a `has_more` header ("1" or "0"). Errors are `{"id","status","time","message"}` with a real ' +
    'HTTP status: 400, 403 (a missing or wrong key too), 404, 409, 429, 500, 503.',
};
