import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import type { SharingMetrics } from '../graphql/shared-subscriptions';

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

/** `GET /metrics`: the gateway's counters in Prometheus text format. Returns them for the other parts to count into. */
export function registerMetrics(app: FastifyInstance): GatewayMetrics {
  const metrics = createGatewayMetrics();
  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return metrics;
}
