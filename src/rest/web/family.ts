import { parse as parseCookies } from 'cookie';
import { authenticateToken } from '../../auth/authenticate';
import { ErrorCode, httpStatusOf } from '../../errors';
import { he } from '../../lazy';
import { LegacyError, type LegacyFamily } from '../route';
import { socialError } from '../social/envelope';
import { SOCIAL_ACCESS_TOKEN } from '../social/family';
import { FEED_PAGE_HEADERS, SESSION_COOKIE, webRoutes } from './identity.routes';

/**
 * The social API's browser side: `/api/set-browser-cookie` turns an access_token into a session
 * cookie, and `/get_news_feed` is the HTML page that cookie opens.
 */
export const webFamily: LegacyFamily = {
  name: 'web',
  title: 'Social API: browser pages',
  prefix: '',
  async authenticate(request, _route, services) {
    const fromQuery = (request.query as Record<string, unknown>).access_token;
    const token = request.url.startsWith('/api/') ? fromQuery : parseCookies(request.headers.cookie ?? '')[SESSION_COOKIE];
    const viewer = typeof token === 'string' && token ? await authenticateToken(services.db, token, 'cookie') : null;
    if (!viewer) throw new LegacyError(ErrorCode.Unauthenticated, 'Not logged in: open /api/set-browser-cookie?access_token=… first');
    return viewer;
  },
  renderError(error, request) {
    if (request.url.startsWith('/api/')) return socialError(error);
    const status = error.code === 'METHOD_NOT_ALLOWED' ? 405 : error.code === 'NO_ENDPOINT' ? 404 : error.code === 'GONE' ? 410 : httpStatusOf(error.code);
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News feed</title></head><body><p>${he().escape(error.message)}</p></body></html>`;
    return { status, headers: { ...FEED_PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body };
  },
  routes: webRoutes,
  security: {
    schemes: {
      socialSessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The HttpOnly session cookie /api/set-browser-cookie sets.' },
      socialAccessToken: SOCIAL_ACCESS_TOKEN,
    },
    // /api/set-browser-cookie is opened with the access_token it turns into the cookie the pages read.
    schemeOf: (route) => (route.path.startsWith('/api/') ? 'socialAccessToken' : 'socialSessionCookie'),
  },
  description:
    "The social API's browser side: /api/set-browser-cookie turns an `access_token` (query string) into an HttpOnly session cookie " +
    'and redirects to /get_news_feed, an HTML page the cookie opens. Errors are HTML pages with a real HTTP status (the social ' +
    'envelope for /api/set-browser-cookie).',
};
