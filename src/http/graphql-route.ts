import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { type Context, createContext, type Services } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';

/** The viewer a GraphQL HTTP request proves with `Authorization: Bearer`; throws 401 for a bad token. */
export async function viewerFromRequest(services: Services, request: FastifyRequest): Promise<Viewer | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const token = bearerToken(header);
  const viewer = token ? await authenticateToken(services.db, token, 'bearer') : null;
  if (!viewer) {
    throw new GraphQLError('The Authorization header does not hold a valid Bearer token', {
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
    });
  }
  return viewer;
}

/** Masks unexpected errors: the client sees a generic message, the log keeps the cause. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (formatted.extensions?.code === ErrorCode.Internal && !(original instanceof GraphQLError)) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.Internal } };
  }
  return formatted;
}

/**
 * Serves GraphQL over HTTP at `/graphql` (POST, and GET for queries) with Apollo Server. Browsers
 * asking for HTML get the GraphiQL page instead.
 */
export async function registerGraphqlRoute(
  app: FastifyInstance,
  schema: GraphQLSchema,
  services: Services,
  graphiqlHtml: () => string,
): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    // Every GraphQL credential is a header (no cookies are read on /graphql), so simple cross-site
    // requests carry no authority and plain GET queries stay usable, as GraphQL over HTTP expects.
    csrfPrevention: false,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; without this plugin Apollo wraps no field resolver (the feed: +n%).
      ApolloServerPluginCacheControlDisabled(),
      fastifyApolloDrainPlugin(app),
      {
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                const original = unwrapResolverError(error);
                if (!(original instanceof GraphQLError)) {
                  app.log.error({ reqId: contextValue?.requestId, err: original }, 'unexpected error in GraphQL operation');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, {
    context: async (request) =>
      createContext(services, { viewer: await viewerFromRequest(services, request), requestId: String(request.id ?? randomUUID()), ip: request.ip }),
  });
  app.route({
    method: ['GET', 'POST', 'OPTIONS'],
    url: '/graphql',
    handler(request, reply) {
      const wantsHtml = request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '');
      if (wantsHtml && !(request.query as Record<string, unknown>).query) {
        return reply.type('text/html; charset=utf-8').send(graphiqlHtml());
      }
      return handler.call(this, request as never, reply as never);
    },
  });
  return apollo;
}
