import type { FastifyInstance } from 'fastify';
import { type Database, pingDatabase } from '../db/connection';
import { pendingMigrations } from '../db/migrate';
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

/**
 * `GET /readyz`: 200 `{"status":"ready"}` when this instance should get traffic: every migration
 * it knows has run (checked until it once holds, then only the database is pinged), the database
 * answers, and with REDIS_URL both Redis connections are ready. Otherwise 503 with a `reason`.
 * While the gateway closes, Fastify answers 503 to every request, this one included.
 */
export function registerReadyz(app: FastifyInstance, db: Database, redis: RedisConnections | null): void {
  let migrated = false;
  app.get('/readyz', async (_request, reply) => {
    const notReady = (reason: string) => reply.code(503).send({ status: 'unavailable', reason });
    try {
      if (!migrated) {
        const pending = await pendingMigrations(db);
        if (pending.length > 0) return notReady(`migrations not run: ${pending.join(', ')}`);
        migrated = true;
      } else {
        await pingDatabase(db);
      }
    } catch (error) {
      app.log.error({ err: error }, 'readiness check failed');
      return notReady('database did not answer');
    }
    if (redis && !(redis.commands.status === 'ready' && redis.subscriber.status === 'ready')) return notReady('redis is not ready');
    return { status: 'ready' };
  });
}
