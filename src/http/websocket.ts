import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import {
  type DocumentNode,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  type OperationDefinitionNode,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Context as SocketContext } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Config } from '../config';
import { SocketPresence } from '../domains/chats/realtime';
import { createContext } from '../graphql/context';
import { ErrorCode } from '../errors';
import { asGraphQLError, badRequest, isExpectedError } from '../graphql/graphql-errors';
import { assertShapeBeforeValidation, assertWithinLimits, parseDocument } from '../graphql/limits';
import { SharedSubscriptions, type SharingMetrics } from '../graphql/shared-subscriptions';
import type { TrustedDocumentGuard } from '../graphql/trusted-document-guard';
import { clientAddress, proxyTrust } from './client-address';
import type { GatewayMetrics } from './metrics';
import type { SocketLimits } from './rate-limits';
import { SharedFrameSocket, sharedPayload } from './shared-frames';
import { RunningSubscription, SocketSession, SocketSessions, sessionEnded } from './socket-sessions';
import type { Context, Services } from '../graphql/context.types';
import { endSpan, operationLabel, SpanKind, startSpan, withSpan } from '../tracing';

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

/**
 * The largest message a socket may send, the same as an HTTP body (1 MB): `ws` closes the socket with
 * 1009 as soon as a frame says it is longer, before buffering it, so an anonymous `connection_init`
 * cannot make the gateway hold (and parse) up to ws's default 100 MB.
 */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** graphql-ws's own 3 s to say `connection_init`, and a ping every 12 s (a dead peer goes within 24 s). */
export const DEFAULT_SOCKET_TIMINGS: SocketTimings = { connectionInitWaitMs: 3_000, keepAliveMs: 12_000 };

type SocketExtra = {
  session?: SocketSession;
};

/** graphql's rules, and no introspection where the config turns it off (as over HTTP). */
function socketValidationRules(config: Config): ValidationRule[] {
  return config.introspection ? [...specifiedRules] : [...specifiedRules, NoSchemaIntrospectionCustomRule];
}

/**
 * A GraphQLError or AppError the client should see, as the list graphql-ws sends in an `error` message,
 * without the HTTP status the shared guards give it (no status on a socket); anything else is rethrown.
 */
function refused(thrown: unknown): readonly GraphQLError[] {
  const error = asGraphQLError(thrown);
  if (!('http' in error.extensions)) return [error];
  const { http: _status, ...extensions } = error.extensions;
  return [new GraphQLError(error.message, { extensions })];
}

/**
 * graphql-ws's `onSubscribe`: resolves a persisted document (`extensions.persistedQuery.sha256Hash`
 * or `documentId`, with `query: ""`) from the trusted manifests and, with TRUSTED_DOCUMENTS_ONLY,
 * refuses any other document before it is parsed; then parses, checks the shape limits, validates
 * and prices the operation before anything runs, so a refused one gets an `error` message for its
 * id (the socket stays open) and no resolver runs.
 */
function checkedOperation(schema: GraphQLSchema, config: Config, rules: ValidationRule[], documents: TrustedDocumentGuard) {
  return (payload: SubscribePayload & { documentId?: unknown }): ExecutionArgs | readonly GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parseDocument(socketDocument(documents, payload), config.queryLimits);
      assertShapeBeforeValidation(schema, document, config.queryLimits);
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

/** The text a `subscribe` runs, from its `query` or a manifest. */
function socketDocument(documents: TrustedDocumentGuard, payload: SubscribePayload & { documentId?: unknown }): string {
  const { query } = documents.resolve({ query: payload.query, documentId: payload.documentId, extensions: payload.extensions }, { apq: false });
  if (typeof query !== 'string') throw badRequest('A subscribe message needs a non-empty `query`, a `documentId` or an `extensions.persistedQuery`');
  return query;
}

/** A `connection_init` over its token's per-credential limit closes the socket with WebSocket's "Try Again Later". */
export const TRY_AGAIN_LATER_CLOSE_CODE = 1013;

/** Over the token's per-credential limit: this operation is refused, the socket stays open. */
function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests: try again in ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RateLimited, retryAfter: retryAfterSeconds },
  });
}

/** The socket already runs its WS_MAX_SUBSCRIPTIONS subscriptions; the running ones go on. */
function tooManySubscriptions(max: number): GraphQLError {
  return new GraphQLError(`This socket already runs ${max} subscriptions: complete one before starting another`, {
    extensions: { code: ErrorCode.TooManySubscriptions, limit: max },
  });
}

function isSubscription(args: ExecutionArgs): boolean {
  return getOperationAST(args.document, args.operationName)?.operation === 'subscription';
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
  return error.originalError !== undefined && !isExpectedError(error.originalError);
}

/**
 * GraphQL over WebSocket (`graphql-transport-ws`) on the HTTP server's `/graphql`, closing with the
 * protocol's codes: 4408 no `connection_init` in time, 4429 a second one, 4401 subscribe before the ack,
 * 4409 a subscription id in use, 4400 an unreadable message, 4403 a missing or bad token, 1013 a
 * token past its per-credential limit (opening a socket counts as one of its requests), 1009 a
 * message over MAX_MESSAGE_BYTES.
 * Each operation runs as the session's current viewer: its token is checked again, as over HTTP,
 * and a session that is gone refuses it with UNAUTHENTICATED and ends the socket (4403); access
 * changes end the running subscriptions their viewer lost (see SocketSessions). Operations keep
 * the same validation, query limits and rate limits (`limits`: per credential, and per address for the upgrade) as over HTTP;
 * a socket runs at most WS_MAX_SUBSCRIPTIONS subscriptions. An open socket makes its user online;
 * the last one closing makes them offline. Subscribers of one operation share each event's
 * execution (see SharedSubscriptions), counted in `metrics`, and its serialisation (see sharedPayload).
 * Returns a function that marks connected users offline and closes every socket, for shutdown.
 */
export function attachWebSocketServer(
  app: FastifyInstance,
  schema: GraphQLSchema,
  services: Services,
  metrics: SharingMetrics & Partial<Pick<GatewayMetrics, 'operationDone' | 'watchSockets'>>,
  timings: SocketTimings = DEFAULT_SOCKET_TIMINGS,
  limits: SocketLimits | null = null,
): () => Promise<void> {
  const sharing = new SharedSubscriptions(metrics);
  const trust = proxyTrust(services.config.trustProxy);
  const wss = new WebSocketServer({
    server: app.server,
    path: '/graphql',
    maxPayload: MAX_MESSAGE_BYTES,
    WebSocket: SharedFrameSocket,
    // The upgrade is an HTTP request from the client's address: it counts as one against that
    // address's limit, and over it is refused 429 before any socket exists.
    verifyClient: ({ req }, allow) => {
      const ip = clientAddress(req, trust);
      void (limits && ip ? limits.upgrade(ip) : Promise.resolve(0)).catch(() => 0).then((wait) => (wait > 0 ? allow(false, 429, 'Too Many Requests', { 'retry-after': String(wait) }) : allow(true)));
    },
  });
  const presence = new SocketPresence(services);
  const report = (error: unknown) => app.log.error({ err: error }, 'socket presence update failed');
  const sessions = new SocketSessions(services, (error) => app.log.error({ err: error }, 'socket session check failed'));
  const operation = checkedOperation(schema, services.config, socketValidationRules(services.config), services.documents);
  const maxSubscriptions = services.config.wsMaxSubscriptions;
  // When each operation's subscribe message came, to time it to its result (or its subscription's start).
  const started = new WeakMap<ExecutionArgs, number>();
  // Each operation's span (tracing on), from its subscribe message to its result (or its subscription's start).
  const spans = new WeakMap<ExecutionArgs, Span>();
  const allSessions = new Set<SocketSession>();
  metrics.watchSockets?.(() => {
    let subscriptions = 0;
    for (const session of allSessions) subscriptions += session.subscriptions.size;
    return { open: wss.clients.size, subscriptions };
  });
  // As over HTTP: the rate limit, then the document, then the credentials (so a refused document runs no SQL).
  const prepare = async (ctx: SocketContext<Record<string, unknown>, Extra & Partial<SocketExtra>>, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    const session = ctx.extra.session!;
    const wait = limits ? await limits.operation(session.token) : 0;
    if (wait > 0) return [rateLimited(wait)];
    const checked = operation(payload);
    if (!('schema' in checked)) return checked;
    const changesSeen = session.changes;
    const viewer = await sessions.current(session);
    if (!viewer) return [sessionEnded()];
    const args = { ...checked, contextValue: createContext(services, { viewer, requestId: randomUUID(), ip: session.ip }) };
    if (!isSubscription(args)) return args;
    if (session.subscriptions.size >= maxSubscriptions) return [tooManySubscriptions(maxSubscriptions)];
    session.subscriptions.set(id, new RunningSubscription(args));
    // An access change heard meanwhile may have passed this one by: it takes the viewer as of now.
    if (session.changes !== changesSeen && !(await sessions.current(session))) {
      session.subscriptions.delete(id);
      return [sessionEnded()];
    }
    return args;
  };
  const server = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: timings.connectionInitWaitMs,
      onSubscribe: async (ctx, id, payload) => {
        const start = performance.now();
        const span = startSpan('graphql', { 'graphql.transport': 'ws' }, SpanKind.SERVER);
        const prepared = await withSpan(span, () => prepare(ctx, id, payload));
        if (Array.isArray(prepared)) {
          metrics.operationDone?.(undefined, prepared as readonly GraphQLError[], 'ws', (performance.now() - start) / 1000);
          endOperationSpan(span, null, prepared as readonly GraphQLError[]);
        } else {
          started.set(prepared as ExecutionArgs, start);
          if (span) spans.set(prepared as ExecutionArgs, span);
        }
        return prepared;
      },
      // Tracing: the operation's resolvers run with its span active, so their SQL spans are its children.
      execute: (args) => withSpan(spans.get(args) ?? null, () => execute(args)),
      subscribe: (args) => withSpan(spans.get(args) ?? null, () => sharing.subscribe(args)),
      onOperation: (ctx, id, _payload, args, result) => {
        const span = spans.get(args);
        if (span) {
          spans.delete(args);
          endOperationSpan(span, getOperationAST(args.document, args.operationName), Symbol.asyncIterator in result ? undefined : (result as ExecutionResult).errors);
        }
        const start = started.get(args);
        if (start !== undefined) {
          const errors = Symbol.asyncIterator in result ? undefined : (result as ExecutionResult).errors?.map((error) => error.toJSON());
          metrics.operationDone?.(getOperationAST(args.document, args.operationName)?.name?.value ?? null, errors, 'ws', (performance.now() - start) / 1000);
        }
        const running = ctx.extra.session?.subscriptions.get(id);
        if (running && Symbol.asyncIterator in result) return running.track(result as AsyncIterableIterator<ExecutionResult>);
      },
      onNext: (_ctx, _id, _payload, args, result) => maskFaults(app, args, result) ?? sharedPayload(result),
      onComplete: (ctx, id) => {
        ctx.extra.session?.subscriptions.get(id)?.finish();
        ctx.extra.session?.subscriptions.delete(id);
      },
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        // Opening a socket with a token is one use of it, as an HTTP request with it is: many sockets
        // do not multiply the token's per-credential limit (nor its lookups).
        const wait = token && limits ? await limits.operation(token) : 0;
        if (wait > 0) {
          ctx.extra.socket.close(TRY_AGAIN_LATER_CLOSE_CODE, `Too many requests: try again in ${wait} s`);
          return false;
        }
        const viewer = token ? await authenticateToken(services.db, token, 'websocket') : null;
        if (!token || !viewer) return false;
        const session = new SocketSession(token, viewer, ctx.extra.socket, clientAddress(ctx.extra.request, trust));
        ctx.extra.session = session;
        sessions.add(session);
        allSessions.add(session);
        await presence.connected(viewer).catch(report);
        return true;
      },
      onDisconnect: async (ctx) => {
        const session = ctx.extra.session;
        if (!session) return;
        sessions.remove(session);
        allSessions.delete(session);
        await presence.disconnected(session.viewer).catch(report);
      },
    },
    wss,
    timings.keepAliveMs,
  );
  return async () => {
    await sessions.close();
    await presence.closeAll().catch(report);
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/** Names a WebSocket operation's span and ends it with its outcome and first error code. */
function endOperationSpan(span: Span | null, operation: OperationDefinitionNode | null | undefined, errors: readonly GraphQLError[] | undefined): void {
  if (span === null) return;
  const name = operation?.name?.value;
  span.updateName(operationLabel(name));
  if (name) span.setAttribute('graphql.operation.name', operationLabel(name));
  if (operation) span.setAttribute('graphql.operation.type', operation.operation);
  span.setAttribute('graphql.outcome', errors?.length ? 'error' : 'ok');
  const code = errors?.[0]?.extensions?.code;
  if (typeof code === 'string') span.setAttribute('graphql.error.code', code);
  endSpan(span, typeof code === 'string' ? code : undefined);
}
