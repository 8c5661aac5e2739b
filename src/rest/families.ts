import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Services } from '../graphql/context.types';
import { chatFamily } from './chat/family';
import { communityFamily } from './community/family';
import { marketingFamily } from './marketing/family';
import { mergedFields } from './input';
import { mountFamily } from './mounter';
import { retirementPolicies } from './retirement';
import { buildOpenApi, withServer } from './openapi';
import { publicBaseUrl } from './public-url';
import { LegacyError, type LegacyFamily, sendLegacyReply } from './route';
import { socialFamily } from './social/family';
import { webFamily } from './web/family';

/** Every legacy API the gateway serves. */
export const families: readonly LegacyFamily[] = [socialFamily, webFamily, communityFamily, chatFamily, marketingFamily];

/**
 * The family an unknown path belongs to. `/api/v1/…` is the community API's. The rest of `/api/…`
 * is shared by social, chat and marketing, so the caller's credentials tell: a `server_key` field
 * is social, a Bearer token chat, an `api_key` marketing; a request with none is taken as social,
 * the API with the most endpoints there. Paths outside `/api` belong to no family.
 */
export function familyOfUnknownPath(request: FastifyRequest): LegacyFamily | undefined {
  const path = request.url.split('?')[0];
  if (path === communityFamily.prefix || path.startsWith(`${communityFamily.prefix}/`)) return communityFamily;
  if (!path.startsWith('/api/')) return undefined;
  const fields = mergedFields(request);
  if (fields.server_key !== undefined) return socialFamily;
  if (/^bearer\s/i.test(request.headers.authorization ?? '')) return chatFamily;
  if (fields.api_key !== undefined) return marketingFamily;
  return socialFamily;
}

/**
 * Mounts every family's routes and serves their OpenAPI document at `/openapi.json`. Throws a
 * ConfigError when LEGACY_DEPRECATIONS names a route or family that does not exist.
 */
export function registerLegacyApis(app: FastifyInstance, schema: GraphQLSchema, services: Services): void {
  const retirements = retirementPolicies(families, services.config.legacyDeprecations);
  for (const family of families) mountFamily(app, schema, services, family, retirements);
  // Unknown paths under a family's prefix answer in its envelope; others get a plain JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const family = familyOfUnknownPath(request);
    if (family) return sendLegacyReply(reply, family.renderError(new LegacyError('NO_ENDPOINT', `No endpoint for ${request.method} ${path}`), request));
    return reply.code(404).send({ error: 'Not Found', message: `No route for ${request.method} ${path}` });
  });
  const documents = openApiDocuments(schema);
  app.get('/openapi.json', async (request, reply) => reply.type('application/json; charset=utf-8').send(await documents(publicBaseUrl(request, services.config.publicUrl))));
}

/** How many server URLs' documents are kept: a gateway is reached by a few names, and the Host header is the caller's to choose. */
const CACHED_SERVERS = 8;

/**
 * The OpenAPI document as JSON for a server URL. The document is derived at the first request
 * (nobody needs it during start-up); its text is kept for the last few server URLs.
 */
function openApiDocuments(schema: GraphQLSchema): (serverUrl: string) => Promise<string> {
  let built: Promise<Record<string, unknown>> | null = null;
  const texts = new Map<string, string>();
  return async (serverUrl) => {
    let text = texts.get(serverUrl);
    if (text === undefined) {
      built ??= buildOpenApi(families, schema).then((b) => b.document);
      text = JSON.stringify(withServer(await built, serverUrl));
      if (texts.size >= CACHED_SERVERS) texts.delete(texts.keys().next().value as string);
      texts.set(serverUrl, text);
    }
    return text;
  };
}
