import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { authenticateToken } from '../../auth/authenticate';
import type { Viewer } from '../../auth/viewer';
import type { Services } from '../../graphql/context.types';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyFamily } from '../route';
import { socialError } from './envelope';
import { socialListingRoutes } from './listing.routes';
import { socialGeneralRoutes } from './general.routes';
import { socialGraphRoutes } from './graph.routes';
import { socialMessageRoutes } from './message.routes';
import { socialPlaceRoutes } from './place.routes';
import { socialPostRoutes } from './post.routes';
import { socialRoutes } from './identity.routes';

function sameKey(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function accessTokenViewer(request: FastifyRequest, services: Services): Promise<Viewer> {
  const token = (request.query as Record<string, unknown>).access_token;
  const viewer = typeof token === 'string' && token ? await authenticateToken(services.db, token, 'access_token') : null;
  if (!viewer) throw new LegacyError(ErrorCode.Unauthenticated, 'Not logged in: access_token is missing or invalid');
  return viewer;
}

/** The social API's session token, in the query string of every signed-in call. */
export const SOCIAL_ACCESS_TOKEN = {
  type: 'apiKey',
  in: 'query',
  name: 'access_token',
  description: 'A session token from /api/auth, /api/social-login or /api/create-account. Social requests also send server_key in their body.',
};

/**
 * The social API: every request posts the site's `server_key` in its body; signed-in calls add
 * `access_token` to the query string. Errors go in the `api_status` envelope.
 */
export const socialFamily: LegacyFamily = {
  name: 'social',
  title: 'Social API',
  prefix: '/api',
  async authenticate(request, route, services) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const serverKey = typeof body.server_key === 'string' ? body.server_key : '';
    if (!serverKey) throw new LegacyError('SERVER_KEY', 'server_key is missing: send it in the POST body');
    if (!sameKey(serverKey, services.serverKey)) throw new LegacyError('SERVER_KEY', 'Error: invalid server_key');
    return route.auth === 'none' ? null : accessTokenViewer(request, services);
  },
  // The server_key is in the body; the access_token, in the query, is checked first.
  async authenticateBeforeBody(request, route, services) {
    if (route.auth !== 'none') await accessTokenViewer(request, services);
  },
  renderError: (error) => socialError(error),
  routes: [...socialRoutes, ...socialPostRoutes, ...socialMessageRoutes, ...socialGraphRoutes, ...socialPlaceRoutes, ...socialListingRoutes, ...socialGeneralRoutes],
  security: {
    schemes: { socialAccessToken: SOCIAL_ACCESS_TOKEN },
    bodyFields: {
      server_key: {
        type: 'string',
        description:
          "The site's server key, sent in the POST body of every social request (signed in or not). OpenAPI has no security " +
          "scheme for a body field, so it is a required field of every social operation's body. A missing or wrong one answers " +
          'error_id 1.',
      },
    },
  },
  description:
    "The social API (WoWonder style): every request is a POST whose body carries the site's `server_key`; signed-in calls add " +
    '`access_token` (from /api/auth) to the query string. Successes carry `"api_status":200` (a number); errors answer HTTP 200 with ' +
    '`{"api_status":"400","errors":{"error_id":N,"error_text":…}}` (api_status "500" for a server fault), and rate limiting a real 429 ' +
    'in the same envelope.',
};
