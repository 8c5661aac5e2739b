import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Registry } from 'prom-client';
import { bearerToken } from '../auth/authenticate';
import type { SharingMetrics } from '../graphql/shared-subscriptions';
import type { LegacyUsageRecorder } from './legacy-usage';

/** The gateway's own counters, one registry per gateway and no process defaults. */
export interface GatewayMetrics extends SharingMetrics {
  registry: Registry;
}

/** Fresh counters at zero, so gateways in one process (tests, benchmarks) never add up. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  return {
    registry,
    subscriptionExecutions: new Counter({
      name: 'gateway_subscription_executions_total',
      help: 'Subscription selection sets executed for an event; one per group, not per subscriber.',
      registers: [registry],
    }),
    subscriptionDeliveries: new Counter({
      name: 'gateway_subscription_deliveries_total',
      help: 'Subscription results sent to a subscriber.',
      registers: [registry],
    }),
    subscriptionGroups: new Gauge({
      name: 'gateway_subscription_groups',
      help: 'Groups of subscribers that share executions, with at least one subscriber now.',
      registers: [registry],
    }),
  };
}

/**
 * `GET /metrics`: the gateway's counters in Prometheus text format. With `token` (METRICS_TOKEN) it
 * answers 401 unless the request sends `Authorization: Bearer <token>`; without, it is open. Returns
 * the counters for the other parts to count into.
 */
export function registerMetrics(app: FastifyInstance, token: string | null, legacyUsage?: LegacyUsageRecorder): GatewayMetrics {
  const metrics = createGatewayMetrics();
  if (legacyUsage) registerLegacyUsageMetrics(metrics.registry, legacyUsage);
  app.get('/metrics', async (request, reply) => {
    if (token !== null && !sameSecret(bearerToken(request.headers.authorization), token)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ statusCode: 401, error: 'Unauthorized', message: 'Send the metrics token as a Bearer token' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return metrics;
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
