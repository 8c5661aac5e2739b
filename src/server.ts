import formbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import type { DatabaseHandle } from './db/connection';
import { DomainEventPublisher } from './events/domain-event.publisher';
import type { Services, SocialLoginVerifier } from './graphql/context.types';
import { createLoginThrottle } from './auth/login-throttle';
import { ErrorCode } from './errors';
import { setLoaderBatching } from './graphql/batch';
import { createGatewayPubSub } from './graphql/pubsub';
import { startInBackground } from './background';
import { startTypingSweeper } from './domains/chats/realtime';
import { startWebhookDispatcher } from './domains/webhooks/dispatcher.worker';
import { createOutboxRecorder } from './domains/webhooks/outbox.recorder';
import { buildGatewaySchema } from './graphql/schema';
import { TrustedDocumentGuard } from './graphql/trusted-document-guard';
import { TrustedDocuments } from './graphql/trusted-documents';
import { registerGraphiql } from './graphiql/graphiql-page';
import { registerGraphqlRoute } from './http/graphql-route';
import { registerApiDocs } from './http/api-docs';
import { registerCors } from './http/cors';
import { registerHealthz, registerReadyz } from './http/healthz';
import { registerRateLimits } from './http/rate-limits';
import { openRedis } from './redis/client';
import { loggerOptions } from './http/logging';
import { countRequests, createGatewayMetrics, registerMetrics } from './http/metrics';
import { LegacyUsageRecorder } from './http/legacy-usage';
import { proxyTrust } from './http/client-address';
import { registerMultipart } from './http/multipart';
import { registerRequestTracing } from './http/tracing';
import { sendPlainError } from './http/plain-error';
import { attachWebSocketServer, DEFAULT_SOCKET_TIMINGS } from './http/websocket';
import { LogMailer, type Mailer } from './mail/mailer';
import { SmtpMailer } from './mail/smtp-mailer';
import { MediaStore } from './media/media-store';
import { registerUploads } from './media/uploads-route';
import { registerUploadPost } from './media/upload-post.route';
import { startUploadSweeper } from './media/upload-sweeper';
import { buildWebhookPayload } from './rest/community/webhook-payload';
import { registerLegacyApis } from './rest/families';
import { answerLegacyRequestError, familyOfRoute, familyOfUrl, requestErrorStatus } from './rest/request-errors';

export interface ServiceOptions {
  config: Config;
  database: DatabaseHandle;
  serverKey: string;
  mailer?: Mailer;
  socialLogin?: SocialLoginVerifier | null;
}

/**
 * The long-lived parts every request shares: database, pubsub, event publisher, mailer, media store,
 * the trusted documents, and the Redis connections when REDIS_URL is set (closed with the gateway).
 * A manifest that cannot be trusted throws (TrustedDocumentsError) before anything is opened.
 */
export function createServices(options: ServiceOptions): Services {
  const { trustedDocuments, only } = options.config.persistedDocuments;
  const documents = new TrustedDocumentGuard(trustedDocuments === null ? null : TrustedDocuments.load(trustedDocuments, options.config.queryLimits.tokens), only);
  const redis = openRedis(options.config);
  const pubsub = createGatewayPubSub(redis);
  const { uploads, publicUrl, loaderBatching } = options.config;
  setLoaderBatching(loaderBatching);
  const services: Services = {
    db: options.database.db,
    config: options.config,
    pubsub,
    events: new DomainEventPublisher(pubsub),
    mailer: options.mailer ?? (options.config.mail ? new SmtpMailer(options.config.mail.smtpUrl, options.config.mail.from) : new LogMailer()),
    socialLogin: options.socialLogin ?? null,
    serverKey: options.serverKey,
    media: new MediaStore({ ...uploads, publicUrl }),
    loginThrottle: createLoginThrottle(options.config.loginThrottle, redis),
    redis,
    documents,
    webhookPayload: (schema, db, event, jobId) => buildWebhookPayload(services, schema, db, event, jobId),
    legacyUsage: new LegacyUsageRecorder(),
  };
  return services;
}

/** The largest body a request may send (multipart: its text, files aside). */
const BODY_LIMIT = 1024 * 1024;
/** Node's own defaults: how long the headers may take, and how often it looks for requests past their deadlines. */
const HEADERS_TIMEOUT_MS = 60_000;
const DEADLINE_CHECK_MS = 30_000;
/** Text fields in one multipart body: the social API's "any user field" stays far below. */
const MULTIPART_FIELDS = 100;

/** How long a starting gateway waits for Redis before serving without it (it keeps reconnecting). */
const REDIS_READY_WAIT_MS = 3000;

export interface GatewayOptions {
  services: Services;
  /** Pino logger options; defaults to JSON lines at the configured level. */
  logger?: boolean | Record<string, unknown>;
}

/** A built gateway: the Fastify app (not listening), its services and schema. */
export interface Gateway {
  app: FastifyInstance;
  services: Services;
  schema: GraphQLSchema;
  /** Stops taking requests, lets in-flight ones finish, closes sockets and Redis. The database stays open. */
  close(): Promise<void>;
}

/**
 * Builds the whole gateway on an open, migrated database: GraphQL over HTTP and WebSocket,
 * GraphiQL, health, the legacy REST shims and their OpenAPI document. Nothing listens yet, so
 * tests can `inject` or `listen({ port: 0 })`.
 */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { services } = options;
  const { config, redis } = services;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Behind a load balancer the client address comes from X-Forwarded-For, if TRUST_PROXY says whose.
    trustProxy: config.trustProxy === false ? false : proxyTrust(config.trustProxy),
    bodyLimit: BODY_LIMIT,
    // Fastify turns Node's whole-request deadline off; a trickled body would hold its connection for
    // ever. Node enforces it only with a headers deadline no longer than it.
    requestTimeout: config.bodyTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.bodyTimeoutMs),
      connectionsCheckingInterval: Math.min(DEADLINE_CHECK_MS, config.bodyTimeoutMs / 4),
    },
    // A URL that does not decode is refused before routing; answer it like any other bad request.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler returns the reply, which is thenable; fastify ignores the value
    frameworkErrors: answerRequestError,
  });
  app.setErrorHandler(answerRequestError);
  // First, so the request's span is active in every later hook and handler (off: nothing registered).
  registerRequestTracing(app);
  const metrics = createGatewayMetrics(services.documents.documents?.operationNames);
  countRequests(app, metrics);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  await app.register(formbody);
  await registerMultipart(app, services.media.dir, { textBytes: BODY_LIMIT, fields: MULTIPART_FIELDS, maxFileBytes: config.uploads.maxBytes });
  if (redis) {
    redis.reportTo((error, what) => app.log.error({ err: error }, `redis ${what} failed`));
    if (!(await redis.ready(REDIS_READY_WAIT_MS))) app.log.warn('redis is not answering: serving without shared limits and events until it does');
    // After the HTTP server closed: the last sockets' presence and events still go through Redis.
    app.addHook('onClose', () => redis.close());
  }
  // Before the rate limits, so their 429 carries the grant; preflights still pass through them.
  await registerCors(app, config.corsOrigins);
  // Before every route, so each answers over-limit requests alike.
  const socketLimits = await registerRateLimits(app, config, redis);
  await registerUploads(app, services.media);

  const schema = buildGatewaySchema(services.pubsub);
  services.events.addRecorder(createOutboxRecorder(schema, services.webhookPayload));

  registerHealthz(app, services.db, services.redis);
  registerReadyz(app, services.db, services.redis);
  const graphiqlPage = registerGraphiql(app, config.graphiql);
  await registerGraphqlRoute(app, schema, services, graphiqlPage, metrics);
  logTrustedDocuments(app, services);
  logMail(app, services);
  registerLegacyApis(app, schema, services);
  registerUploadPost(app, services);
  registerApiDocs(app);
  registerMetrics(app, metrics, services.db, config.metricsToken, services.legacyUsage);
  const closeSockets = attachWebSocketServer(app, schema, services, metrics, DEFAULT_SOCKET_TIMINGS, socketLimits);
  const stopTypingSweeper = startInBackground('typing expiry', () => startTypingSweeper(services, (error) => app.log.error({ err: error }, 'typing expiry sweep failed')));
  const stopUploadSweeper = startInBackground('upload expiry', () => startUploadSweeper(services, (error) => app.log.error({ err: error }, 'upload expiry sweep failed')));
  const dispatcher = config.webhooks.dispatch
    ? startInBackground('webhook dispatch', () =>
        startWebhookDispatcher(
          services,
          (error) => app.log.error({ err: error }, 'webhook dispatch failed'),
          (outcome) => metrics.deliveryDone(outcome),
        ),
      )
    : null;
  // preClose: before the HTTP server closes, which waits for every connection, sockets included.
  app.addHook('preClose', async () => {
    await dispatcher?.stop();
    await stopTypingSweeper();
    await stopUploadSweeper();
    await closeSockets();
  });

  return { app, services, schema, close: () => app.close() };
}

/** The start-up line saying where mail goes, and failed mails reported to the log (recipient and reason, never the body). */
function logMail(app: FastifyInstance, { mailer }: Services): void {
  mailer.reportTo?.((error, mail) => app.log.error({ to: mail.to, subject: mail.subject, reason: error.message }, 'mail failed'));
  // After the HTTP server closed: mails in flight still go out.
  app.addHook('onClose', async () => mailer.close?.());
  if (mailer instanceof SmtpMailer) app.log.info(`mail: sent through ${mailer.server} from ${mailer.from}`);
  else app.log.warn('mail: SMTP_URL is unset, so mails (password-reset codes) are not sent: only their recipient and subject are logged');
}

/** Start-up lines: the manifests loaded, and in production a notice while any document may run. */
function logTrustedDocuments(app: FastifyInstance, { documents, config }: Services): void {
  const loaded = documents.documents;
  if (loaded) app.log.info(`trusted documents: ${loaded.size} from ${loaded.files.length} manifest(s)${documents.only ? '; only these may run (TRUSTED_DOCUMENTS_ONLY)' : ''}`);
  if (config.production && !documents.only) {
    app.log.warn("any client may run any GraphQL document: set TRUSTED_DOCUMENTS to your apps' persisted-documents.json and TRUSTED_DOCUMENTS_ONLY=1 to run only theirs");
  }
}

/**
 * Errors no route handled, mostly a body Fastify could not read: the right 4xx in the caller's
 * envelope (a legacy family's, found by the route's `config.family`, or GraphQL's `{errors:[…]}`
 * on /graphql); a fault answers a masked 500 and is logged. (Rate limits answer in their own
 * hook, src/http/rate-limits.ts, before any of this.)
 */
function answerRequestError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const family = familyOfRoute(request) ?? (error.code === 'FST_ERR_BAD_URL' ? familyOfUrl(request.url) : undefined);
  if (family) return answerLegacyRequestError(family, error, request, reply);
  const status = requestErrorStatus(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  const message = status >= 500 ? 'Internal server error' : error.message;
  if (request.url.startsWith('/graphql')) {
    const code = status >= 500 ? ErrorCode.Internal : ErrorCode.BadUserInput;
    return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  }
  return sendPlainError(reply, status, message);
}
