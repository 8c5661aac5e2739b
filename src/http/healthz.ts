import type { FastifyInstance } from 'fastify';
import { type Database, pingDatabase } from '../db/connection';
import type { RedisConnections } from '../redis/client';

/**
 * `GET /healthz`: 200 when the database answers a query, 503 when it does not. With REDIS_URL it
 * also says whether Redis is `ready`; Redis away does not fail the check, since the gateway serves
 * on without it (README: Scaling out), but a load balancer's operator can see it.
 */
export function registerHealthz(app: FastifyInstance, db: Database, redis: RedisConnections | null): void {
  app.get('/healthz', async (_request, reply) => {
    const shared = redis ? { redis: redis.commands.status === 'ready' && redis.subscriber.status === 'ready' ? 'ready' : 'unavailable' } : {};
    try {
      await pingDatabase(db);
      return { status: 'ok', ...shared };
    } catch (error) {
      app.log.error({ err: error }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', reason: 'database did not answer', ...shared });
    }
  });
}
