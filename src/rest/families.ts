import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Services } from '../graphql/context';
import { chatFamily } from './chat/family';
import { communityFamily } from './community/family';
import { marketingFamily } from './marketing/family';
import { mountFamily } from './mounter';
import { buildOpenApi } from './openapi';
import type { LegacyFamily } from './route';
import { socialFamily } from './social/family';
import { webFamily } from './web/family';

/** Every legacy API the gateway serves. */
export const families: readonly LegacyFamily[] = [socialFamily, webFamily, communityFamily, chatFamily, marketingFamily];

/** Mounts every family's routes and serves their OpenAPI document at `/openapi.json`. */
export function registerLegacyApis(app: FastifyInstance, schema: GraphQLSchema, services: Services): void {
  for (const family of families) mountFamily(app, schema, services, family);
  const document = buildOpenApi(families, services.config.publicUrl);
  app.get('/openapi.json', async () => document);
}
