import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { authenticateToken } from '../../auth/authenticate';
import type { Viewer } from '../../auth/viewer';
import type { Services } from '../../graphql/context';
import { ErrorCode } from '../../graphql/errors';
import { LegacyError, type LegacyFamily } from '../route';
import { socialError } from './envelope';
import { socialCatalogRoutes } from './catalog.routes';
import { socialGeneralRoutes } from './general.routes';
import { socialGraphRoutes } from './graph.routes';
import { socialMessageRoutes } from './message.routes';
import { socialPlaceRoutes } from './place.routes';
import { socialPostRoutes } from './post.routes';
import { socialRoutes } from './routes';

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
  routes: [...socialRoutes, ...socialPostRoutes, ...socialMessageRoutes, ...socialGraphRoutes, ...socialPlaceRoutes, ...socialCatalogRoutes, ...socialGeneralRoutes],
  security: {
    socialServerKey: { type: 'apiKey', in: 'query', name: 'server_key', description: 'Sent as a POST body field on every request.' },
    socialAccessToken: { type: 'apiKey', in: 'query', name: 'access_token' },
  },
  errorSchema: {
    type: 'object',
    properties: {
      api_status: { type: 'string' },
      errors: { type: 'object', properties: { error_id: { type: 'integer' }, error_text: { type: 'string' } } },
    },
  },
};
