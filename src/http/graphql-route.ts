import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { requestSignal } from '../graphql/abort';
import { createContext } from '../graphql/context';
import { AppError, ErrorCode } from '../errors';
import { isExpectedError, toGraphQLError } from '../graphql/graphql-errors';
import { queryLimitsPlugin, shapeGuard } from '../graphql/limits';
import { GRAPHIQL_DISABLED, type GraphiqlPage } from '../graphiql/graphiql-page';
import { persistedQueriesOption } from '../graphql/apq-cache';
import { assertPreflightedOrGet } from './csrf-prevention';
import { resolveHttpRequest, sendApolloResponse } from './graphql-request';
import type { Context, Services } from '../graphql/context.types';
import { type GatewayMetrics, operationMetricsPlugin } from './metrics';
import { operationTracingPlugin } from './tracing';
import { tracedOperation, tracingEnabled } from '../tracing';

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
  if (formatted.extensions?.code === ErrorCode.Internal && !isExpectedError(original)) {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.Internal } };
  }
  return formatted;
}

/**
 * Logs every unexpected error with its request id and real cause, and stamps that request id on the
 * masked `Internal server error` the client gets (formatError sees no context), so a report can be
 * matched to its log line.
 */
export function unexpectedErrorPlugin(log: FastifyBaseLogger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (!isExpectedError(original)) {
              log.error({ reqId: contextValue?.requestId, err: original }, 'unexpected error in GraphQL operation');
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !contextValue?.requestId) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => withRequestId(error, contextValue.requestId));
        },
      };
    },
  };
}

function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (error.extensions?.code !== ErrorCode.Internal) return error;
  return { ...error, extensions: { ...error.extensions, requestId } };
}

/**
 * Serves GraphQL over HTTP at `/graphql` (POST, and GET for queries) with Apollo Server. Browsers
 * asking for HTML get the GraphiQL page instead, or a 404 where GraphiQL is off (production).
 * Persisted documents (`documentId`, or Apollo's APQ hash) are resolved from the trusted manifests
 * first, and TRUSTED_DOCUMENTS_ONLY refuses any other document (src/graphql/trusted-document-guard.ts);
 * CSRF prevention, the shape guard, the limits and the introspection switch apply to what is run.
 */
export async function registerGraphqlRoute(
  app: FastifyInstance,
  schema: GraphQLSchema,
  services: Services,
  /** Sends the GraphiQL page, or null where GraphiQL is off. */
  graphiqlPage: GraphiqlPage | null,
  /** Where operations are counted (/metrics); null counts nothing. */
  metrics: GatewayMetrics | null = null,
): Promise<ApolloServer<Context>> {
  const { config } = services;
  const persistedQueries = persistedQueriesOption(config.persistedDocuments, services.redis);
  const apollo = new ApolloServer<Context>({
    schema,
    // Apollo's check refuses GETs without a preflight header too, which urql sends by default: the
    // context runs ours instead (src/http/csrf-prevention.ts), which lets GET queries through.
    csrfPrevention: false,
    introspection: config.introspection,
    // Production: no "Did you mean …?" hints that spell out the schema to a client without introspection.
    hideSchemaDetailsFromClientErrors: config.production,
    formatError,
    includeStacktraceInErrorResponses: false,
    // The parser stops at QUERY_MAX_TOKENS, as over WebSocket (src/graphql/limits.ts parseDocument).
    parseOptions: { maxTokens: config.queryLimits.tokens },
    // Automatic persisted queries: a bounded cache (shared through Redis), off in only-mode (src/graphql/apq-cache.ts).
    persistedQueries,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; without this plugin Apollo wraps no field resolver (the feed went from 0.41x to 0.47x of the raw baseline).
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, config.queryLimits),
      fastifyApolloDrainPlugin(app),
      unexpectedErrorPlugin(app.log),
      ...(metrics ? [operationMetricsPlugin(metrics)] : []),
      ...(tracingEnabled() ? [operationTracingPlugin()] : []),
    ],
  });
  await apollo.start();
  const assertShape = shapeGuard(schema, config.queryLimits);
  const resolveOptions = { apq: persistedQueries !== false };
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql',
    async handler(request, reply) {
      const params = request.query as Record<string, unknown>;
      const wantsHtml = request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '');
      if (wantsHtml && !params.query && !params.documentId && !params.extensions) {
        if (graphiqlPage === null) return reply.code(404).send(GRAPHIQL_DISABLED);
        return graphiqlPage(reply);
      }
      const resolved = resolveHttpRequest(request, services.documents, resolveOptions);
      const response = await tracedOperation('http', () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: resolved.http,
          // Apollo creates the context before it runs anything, and answers a GraphQLError thrown here as
          // is (anything else as "Context creation failed: …"): an AppError is thrown as its GraphQLError.
          context: async () => {
            try {
              assertPreflightedOrGet(request);
              // A persisted id it cannot resolve, or in only-mode a document no manifest holds: refused before any parse or SQL.
              if (resolved.refusal) throw resolved.refusal;
              assertShape(resolved.query);
              return createContext(services, {
                viewer: await viewerFromRequest(services, request),
                requestId: String(request.id ?? randomUUID()),
                ip: request.ip,
                signal: requestSignal(reply, services.config.requestTimeoutMs),
              });
            } catch (error) {
              throw error instanceof AppError ? toGraphQLError(error) : error;
            }
          },
        }),
      );
      return sendApolloResponse(reply, response);
    },
  });
  return apollo;
}
