import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Services } from '../graphql/context';
import { chatFamily } from './chat/family';
import { communityFamily } from './community/family';
import { marketingFamily } from './marketing/family';
import { mountFamily } from './mounter';
import { ErrorCode } from '../graphql/errors';
import { buildOpenApi } from './openapi';
import { LegacyError, type LegacyFamily } from './route';
import { socialFamily } from './social/family';
import { webFamily } from './web/family';

/** Every legacy API the gateway serves. */
export const families: readonly LegacyFamily[] = [socialFamily, webFamily, communityFamily, chatFamily, marketingFamily];

/** Mounts every family's routes and serves their OpenAPI document at `/openapi.json`. */
export function registerLegacyApis(app: FastifyInstance, schema: GraphQLSchema, services: Services): void {
  for (const family of families) mountFamily(app, schema, services, family);
  // Unknown paths under the community prefix answer in its envelope; others get a plain JSON 404.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith(`${communityFamily.prefix}/`)) {
      const { status, body } = communityFamily.renderError(new LegacyError(ErrorCode.NotFound, 'No such endpoint'), request);
      return reply.code(status ?? 404).send(body);
    }
    return reply.code(404).send({ error: 'Not Found', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
  });
  // Built at the first request: nobody needs it during start-up.
  let document: ReturnType<typeof buildOpenApi> | null = null;
  app.get('/openapi.json', async () => (document ??= buildOpenApi(families, services.config.publicUrl)));
}
