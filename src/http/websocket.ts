import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import { SocketPresence } from '../domains/chats/realtime';
import { type Context, createContext, type Services } from '../graphql/context';
import { ErrorCode } from '../graphql/errors';
import { assertWithinLimits, parseDocument } from '../graphql/limits';
import { SharedSubscriptions, type SharingMetrics } from '../graphql/shared-subscriptions';

/** The token a `connection_init` payload carries: `Authorization: Bearer …`, `authorization`, or `token`. */
export function tokenFromConnectionParams(params: Record<string, unknown> | undefined): string | null {
  if (!params) return null;
  const header = params.Authorization ?? params.authorization;
  if (typeof header === 'string') return bearerToken(header);
  return typeof params.token === 'string' ? params.token : null;
}

/**
 * How long a socket may stay silent. A socket that sends no `connection_init` within
 * `connectionInitWaitMs` is closed with 4408; the server pings every `keepAliveMs` and terminates
 * a socket that has not answered a ping by the next one. Tests shorten both.
 */
export interface SocketTimings {
  connectionInitWaitMs: number;
  keepAliveMs: number;
}

/** graphql-ws's own 3 s to say `connection_init`, and a ping every 12 s (a dead peer goes within 24 s). */
export const DEFAULT_SOCKET_TIMINGS: SocketTimings = { connectionInitWaitMs: 3_000, keepAliveMs: 12_000 };

type SocketExtra = {
  viewer?: Viewer;
  ip?: string;
};

/** graphql's rules, and no introspection where the config turns it off (as over HTTP). */
function socketValidationRules(config: Config): ValidationRule[] {
  return config.introspection ? [...specifiedRules] : [...specifiedRules, NoSchemaIntrospectionCustomRule];
}

/** A GraphQLError the client should see, as the list graphql-ws sends in an `error` message; anything else is rethrown. */
function refused(error: unknown): readonly GraphQLError[] {
  if (error instanceof GraphQLError) return [error];
  throw error;
}

/**
 * graphql-ws's `onSubscribe`: parses, validates and prices the operation before anything runs, so a
 * refused one gets an `error` message for its id (the socket stays open) and no resolver runs.
 */
function checkedOperation(schema: GraphQLSchema, config: Config, rules: ValidationRule[]) {
  return (payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parseDocument(payload.query, config.queryLimits);
    } catch (error) {
      return refused(error);
    }
    const errors = validate(schema, document, rules);
    if (errors.length > 0) return errors;
    try {
      assertWithinLimits(schema, document, payload.variables ?? undefined, payload.operationName, config.queryLimits);
    } catch (error) {
      return refused(error);
    }
    return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
  };
}

/**
 * An operation's result as a client may see it: an error that is not one of ours (a fault, not
 * a refusal) becomes `Internal server error` with the request id, as over HTTP; its cause is logged.
 */
function maskFaults(app: FastifyInstance, args: ExecutionArgs, result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.some(isFault)) return;
  const requestId = (args.contextValue as Context | undefined)?.requestId;
  const errors = result.errors.map((error) => {
    if (!isFault(error)) return error.toJSON();
    app.log.error({ reqId: requestId, err: error.originalError ?? error }, 'unexpected error in GraphQL operation over WebSocket');
    return { message: 'Internal server error', locations: error.locations, path: error.path, extensions: { code: ErrorCode.Internal, requestId } };
  });
  return { ...result, errors };
}

function isFault(error: GraphQLError): boolean {
  return error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
}

/**
 * GraphQL over WebSocket (`graphql-transport-ws`) on the HTTP server's `/graphql`, closing with the
 * protocol's codes: 4408 no `connection_init` in time, 4429 a second one, 4401 subscribe before the ack,
 * 4409 a subscription id in use, 4400 an unreadable message, 4403 a missing or bad token.
 * Operations keep the same validation and query limits as over HTTP. An open socket makes its user
 * online; the last one closing makes them offline. Subscribers of one operation share each event's
 * execution (see SharedSubscriptions), counted in `metrics`.
 * Returns a function that marks connected users offline and closes every socket, for shutdown.
 */
export function attachWebSocketServer(
  app: FastifyInstance,
  schema: GraphQLSchema,
  services: Services,
  metrics: SharingMetrics,
  timings: SocketTimings = DEFAULT_SOCKET_TIMINGS,
): () => Promise<void> {
  const sharing = new SharedSubscriptions(metrics);
  const wss = new WebSocketServer({ server: app.server, path: '/graphql' });
  const presence = new SocketPresence(services);
  const report = (error: unknown) => app.log.error({ err: error }, 'socket presence update failed');
  const operation = checkedOperation(schema, services.config, socketValidationRules(services.config));
  const server = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: timings.connectionInitWaitMs,
      onSubscribe: (_ctx, _id, payload) => operation(payload),
      subscribe: (args) => sharing.subscribe(args),
      onNext: (_ctx, _id, _payload, args, result) => maskFaults(app, args, result),
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        const viewer = token ? await authenticateToken(services.db, token, 'websocket') : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.ip = ctx.extra.request.socket.remoteAddress ?? undefined;
        await presence.connected(viewer).catch(report);
        return true;
      },
      onDisconnect: async (ctx) => {
        if (ctx.extra.viewer) await presence.disconnected(ctx.extra.viewer).catch(report);
      },
      context: (ctx) => createContext(services, { viewer: ctx.extra.viewer ?? null, requestId: randomUUID(), ip: ctx.extra.ip ?? null }),
    },
    wss,
    timings.keepAliveMs,
  );
  return async () => {
    await presence.closeAll().catch(report);
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
