import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../auth/authenticate';
import { type Database, databaseStats } from '../db/connection';
import type { DeliveryOutcome } from '../domains/webhooks/delivery.service';
import { outboxFigures } from '../domains/webhooks/delivery.repository';
import type { Context } from '../graphql/context.types';
import type { SharingMetrics } from '../graphql/shared-subscriptions';
import type { LegacyUsageRecorder } from './legacy-usage';

/** The `route` label of a request no route matched (404s, whatever their path). */
export const UNMATCHED_ROUTE = '(unmatched)';
/**
 * Distinct GraphQL operation names a gateway labels as they first arrive; later new names count as
 * OTHER_OPERATION. The trusted documents' names are labelled besides, whenever they come.
 */
export const MAX_OPERATION_NAMES = 100;
/** The `operation` label past MAX_OPERATION_NAMES, or for a name longer than 64 characters. */
export const OTHER_OPERATION = '(other)';
/** The `operation` label of a request that had no operation to run (unparsable or invalid document). */
export const NO_OPERATION = '(none)';
/** The `operation` label of an operation without a name. */
export const ANONYMOUS_OPERATION = '(anonymous)';

const LONGEST_LABELLED_NAME = 64;
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The gateway's own series, one registry per gateway; the process's series are shared (see processRegistry). */
export interface GatewayMetrics extends SharingMetrics {
  registry: Registry;
  httpRequests: Histogram<'method' | 'route' | 'family' | 'status'>;
  graphqlOperations: Histogram<'operation' | 'outcome' | 'transport'>;
  webhookAttempts: Counter<'outcome'>;
  /** Counts one GraphQL operation that ended, under a bounded name. */
  operationDone(name: string | null | undefined, errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined, transport: 'http' | 'ws', seconds: number): void;
  /** Counts a webhook attempt's outcome (the dispatcher's `onOutcome`). */
  deliveryDone(outcome: DeliveryOutcome): void;
  /** Tells the scrape how to read the open sockets and their running subscriptions. */
  watchSockets(read: () => { open: number; subscriptions: number }): void;
}

let processRegistry: Registry | null = null;

/**
 * Node's process and event-loop series (prom-client's defaults), collected once per process however
 * many gateways it runs: they describe the process, and registering them again would add an
 * event-loop monitor and a GC observer per gateway that nothing stops.
 */
function processMetrics(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The `outcome` label of an operation's errors: `ok`, its first error's code, or `error` for one without a code of ours. */
export function outcomeOf(errors: readonly Pick<GraphQLFormattedError, 'extensions'>[] | undefined): string {
  if (!errors || errors.length === 0) return 'ok';
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(code) ? code : 'error';
}

/**
 * Fresh series at zero, so gateways in one process (tests, benchmarks) never add up. `knownNames`
 * (the trusted documents' operations) keep their own label even after callers sending other names
 * have taken the MAX_OPERATION_NAMES first-come places.
 */
export function createGatewayMetrics(knownNames: ReadonlySet<string> = new Set()): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const names = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (name === undefined) return NO_OPERATION;
    if (name === null) return ANONYMOUS_OPERATION;
    if (names.has(name) || (knownNames.has(name) && name.length <= LONGEST_LABELLED_NAME)) return name;
    if (name.length > LONGEST_LABELLED_NAME || names.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
    names.add(name);
    return name;
  };
  let readSockets = (): { open: number; subscriptions: number } => ({ open: 0, subscriptions: 0 });
  new Gauge({
    name: 'gateway_websocket_sockets',
    help: 'WebSockets open on /graphql now.',
    registers,
    collect() {
      this.set(readSockets().open);
    },
  });
  new Gauge({
    name: 'gateway_websocket_subscriptions',
    help: "Subscriptions running on this gateway's sockets now.",
    registers,
    collect() {
      this.set(readSockets().subscriptions);
    },
  });
  const graphqlOperations = new Histogram({
    name: 'gateway_graphql_operation_duration_seconds',
    help: `GraphQL operations by name (the trusted documents' names and the first ${MAX_OPERATION_NAMES} other distinct names, then "${OTHER_OPERATION}"), outcome (ok or the first error's code) and transport (http, ws); a subscription counts once, when it starts.`,
    labelNames: ['operation', 'outcome', 'transport'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const webhookAttempts = new Counter({
    name: 'gateway_webhook_attempts_total',
    help: 'Webhook delivery attempts this gateway made, by outcome: delivered, retry, failed (given up), cancelled (owner may not receive).',
    labelNames: ['outcome'],
    registers,
  });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'gateway_http_request_duration_seconds',
      help: `HTTP requests by method, route template ("${UNMATCHED_ROUTE}" when none matched), legacy family (social, community, chat, marketing; graphql; other) and status.`,
      labelNames: ['method', 'route', 'family', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    graphqlOperations,
    webhookAttempts,
    subscriptionExecutions: new Counter({
      name: 'gateway_subscription_executions_total',
      help: 'Subscription selection sets executed for an event; one per group, not per subscriber.',
      registers,
    }),
    subscriptionDeliveries: new Counter({
      name: 'gateway_subscription_deliveries_total',
      help: 'Subscription results sent to a subscriber.',
      registers,
    }),
    subscriptionGroups: new Gauge({
      name: 'gateway_subscription_groups',
      help: 'Groups of subscribers that share executions, with at least one subscriber now.',
      registers,
    }),
    operationDone(name, errors, transport, seconds) {
      graphqlOperations.observe({ operation: operationLabel(name), outcome: outcomeOf(errors), transport }, seconds);
    },
    deliveryDone(outcome) {
      webhookAttempts.inc({ outcome });
    },
    watchSockets(read) {
      readSockets = read;
    },
  };
}

/** The `family` label of a request: its legacy route's family, `graphql` for /graphql, else `other`. */
function familyOf(request: FastifyRequest, route: string): string {
  const family = request.routeOptions.config?.family;
  if (typeof family === 'string') return family;
  return route === '/graphql' ? 'graphql' : 'other';
}

/**
 * Times every HTTP request under its route template (never the raw URL: a path no route matched is
 * UNMATCHED_ROUTE), so the series stay as many as the routes whatever callers send. Register it
 * before the routes.
 */
export function countRequests(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    metrics.httpRequests.observe({ method: request.method, route, family: familyOf(request, route), status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

/** Counts each GraphQL operation Apollo runs over HTTP, with its duration from the request's start. */
export function operationMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let name: string | null | undefined;
      return {
        async didResolveOperation({ operation }) {
          name = operation?.name?.value ?? null;
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          metrics.operationDone(name, errors, 'http', (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/**
 * Scrape-time series: SQL statements by kind and outcome, the PostgreSQL pool (or SQLite's
 * statement cache) and the webhook outbox, which costs one indexed query per scrape.
 */
function databaseSeries(registry: Registry, db: Database, report: (error: unknown) => void): () => Promise<void> {
  const stats = databaseStats(db);
  const registers = [registry];
  const statements = new Counter({
    name: 'gateway_sql_statements_total',
    help: 'SQL statements run, by kind (select, insert, update, delete, other) and outcome (ok, error).',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const seconds = new Counter({ name: 'gateway_sql_statement_seconds_total', help: 'Time SQL statements took, by kind and outcome.', labelNames: ['kind', 'outcome'], registers });
  const postgres = stats?.pool() !== null;
  const pool = postgres
    ? {
        total: new Gauge({ name: 'gateway_db_pool_connections', help: 'PostgreSQL connections open in the pool.', registers }),
        idle: new Gauge({ name: 'gateway_db_pool_idle_connections', help: 'PostgreSQL connections open and idle.', registers }),
        waiting: new Gauge({ name: 'gateway_db_pool_waiting_requests', help: 'Queries waiting for a PostgreSQL connection.', registers }),
      }
    : null;
  const cache = postgres ? null : new Gauge({ name: 'gateway_db_statement_cache_size', help: 'SQLite prepared statements kept.', registers });
  const pending = new Gauge({ name: 'gateway_webhook_outbox_pending', help: 'Webhook deliveries pending (due, or waiting for a retry); NaN when the database did not answer.', registers });
  const oldest = new Gauge({
    name: 'gateway_webhook_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending webhook delivery (0 when none); NaN when the database did not answer.',
    registers,
  });
  return async () => {
    if (stats) {
      statements.reset();
      seconds.reset();
      for (const counted of stats.statements.values()) {
        statements.inc({ kind: counted.kind, outcome: counted.outcome }, counted.count);
        seconds.inc({ kind: counted.kind, outcome: counted.outcome }, counted.seconds);
      }
      const figures = stats.pool();
      if (pool && figures) {
        pool.total.set(figures.total);
        pool.idle.set(figures.idle);
        pool.waiting.set(figures.waiting);
      }
      cache?.set(stats.statementCacheSize() ?? 0);
    }
    try {
      const outbox = await outboxFigures(db);
      pending.set(outbox.pending);
      oldest.set(outbox.oldestPendingAt === null ? 0 : Math.max(0, (Date.now() - Date.parse(outbox.oldestPendingAt)) / 1000));
    } catch (error) {
      report(error);
      pending.set(Number.NaN);
      oldest.set(Number.NaN);
    }
  };
}

/**
 * `GET /metrics`: the process's and the gateway's series in Prometheus text format. With `token`
 * (METRICS_TOKEN) it answers 401 unless the request sends `Authorization: Bearer <token>`; without,
 * it is open.
 */
export function registerMetrics(app: FastifyInstance, metrics: GatewayMetrics, db: Database, token: string | null, legacyUsage?: LegacyUsageRecorder): void {
  if (legacyUsage) registerLegacyUsageMetrics(metrics.registry, legacyUsage);
  const refresh = databaseSeries(metrics.registry, db, (error) => app.log.error({ err: error }, 'metrics: the outbox figures failed'));
  const process = processMetrics();
  app.get('/metrics', async (request, reply) => {
    if (token !== null && !sameSecret(bearerToken(request.headers.authorization), token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ statusCode: 401, error: 'Unauthorized', message: 'Send the metrics token as a Bearer token' });
    }
    await refresh();
    return reply.type(metrics.registry.contentType).send((await process.metrics()) + (await metrics.registry.metrics()));
  });
}

/** Compares in constant time whatever the lengths (both sides are hashed to 32 bytes first). */
function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The legacy routes' counters, labelled by family, method and route template (bounded by the route
 * tables): calls as they happen, and the distinct credentials and user agents of the kept days as
 * gauges read at scrape time.
 */
function registerLegacyUsageMetrics(registry: Registry, usage: LegacyUsageRecorder): void {
  const labelNames = ['family', 'method', 'route'] as const;
  const calls = new Counter({ name: 'gateway_legacy_calls_total', help: 'Calls to a legacy REST route, answered in any way, in this instance.', labelNames, registers: [registry] });
  usage.onCall((family, method, route) => calls.inc({ family, method, route }));
  new Gauge({
    name: 'gateway_legacy_distinct_credentials',
    help: 'Distinct credentials (API key, else user) that called a legacy route over the kept days (30, UTC), in this instance; an estimate past 64.',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const route of usage.usage(0)) this.set({ family: route.family, method: route.method, route: route.path }, route.distinctCredentials);
    },
  });
  new Gauge({
    name: 'gateway_legacy_distinct_user_agents',
    help: 'Distinct User-Agent values that called a legacy route over the kept days (30, UTC), in this instance; an estimate past 64.',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const route of usage.usage(0)) this.set({ family: route.family, method: route.method, route: route.path }, route.distinctUserAgents);
    },
  });
}
