import { authenticateApiKey } from '../../auth/authenticate';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyFamily } from '../route';
import { marketingAudienceRoutes } from './audience.routes';
import { marketingContactRoutes } from './contact.routes';
import { marketingRoutes } from './identity.routes';

export const INVALID_KEY = 'Either API Key Invalid or Member Validity Expired';

/**
 * The marketing API: `api_key` in the query string or the form body. Errors are
 * `{"status":"error","message":…}` with HTTP 200, as the legacy server answered, so clients that
 * read only the body keep working. A member whose validity has expired is refused like a wrong key:
 * the marketing domain answers MEMBERSHIP_EXPIRED (src/domains/marketing/membership.guard.ts), and
 * this family words it as the document does.
 */
export const marketingFamily: LegacyFamily = {
  name: 'marketing',
  title: 'Marketing API',
  prefix: '/api',
  async authenticate(request, route, services) {
    const fields = { ...(request.query as Record<string, unknown>), ...((request.body ?? {}) as Record<string, unknown>) };
    const key = typeof fields.api_key === 'string' ? fields.api_key : '';
    const viewer = key ? await authenticateApiKey(services.db, key, 'api_key') : null;
    if (!viewer) throw new LegacyError(ErrorCode.Unauthenticated, INVALID_KEY);
    if (route.auth === 'admin' && !viewer.isAdmin) throw new LegacyError(ErrorCode.Forbidden, 'This endpoint is for admin users only');
    return viewer;
  },
  renderError: (error) => ({
    status: error.code === ErrorCode.RateLimited ? 429 : error.code === 'GONE' ? 410 : 200,
    body: { status: 'error', message: error.code === ErrorCode.MembershipExpired ? INVALID_KEY : error.message },
  }),
  routes: [...marketingRoutes, ...marketingAudienceRoutes, ...marketingContactRoutes],
  security: {
    schemes: {
      marketingApiKey: {
        type: 'apiKey',
        in: 'query',
        name: 'api_key',
        description: 'An API key in the query string; a POST may send it as a form (or JSON) field instead.',
      },
    },
  },
  description:
    "The marketing API: an `api_key` in the query string or the form body; admin endpoints need an admin user's key. Errors are " +
    '`{"status":"error","message":…}` with HTTP 200, as the legacy server answered (429 when rate limited); an expired membership ' +
    'is refused like a wrong key.',
};
