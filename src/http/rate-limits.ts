import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { RedisConnections } from '../redis/client';
import { ErrorCode } from '../errors';
import { sendPlainError } from './plain-error';
import { familyOfRoute } from '../rest/request-errors';
import { LegacyError, sendLegacyReply } from '../rest/route';

const MINUTE_MS = 60_000;

/**
 * The credential a request presents, hashed (a secret is never kept as is): a Bearer token or
 * Basic pair, the social `access_token`, or the marketing `api_key`. Null for an anonymous request.
 */
export function credentialKey(request: FastifyRequest): string | null {
  if (credentialKeys.has(request)) return credentialKeys.get(request)!;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const presented = request.headers.authorization ?? query.access_token ?? query.api_key;
  const key = typeof presented === 'string' && presented !== '' ? createHash('sha256').update(presented).digest('base64url').slice(0, 22) : null;
  credentialKeys.set(request, key);
  return key;
}

/** Each request's credential key, hashed once though both the allow list and the key generator ask. */
const credentialKeys = new WeakMap<FastifyRequest, string | null>();

/**
 * Per client address and per credential request limits, each a fixed one-minute window
 * (@fastify/rate-limit). Over either, the answer is 429 with `Retry-After`, in the envelope of the
 * family the path belongs to (the route's `config.family`), in GraphQL's elsewhere. A body's
 * `api_key` (marketing form posts) is not read here, before parsing: the address limit covers it.
 * Counters live in this process, or in Redis when it is configured, so the limits hold over all
 * instances together. A request whose count Redis cannot give (it is down, or slower than the
 * command timeout) is let through (`skipOnError`; the connection's errors are logged): an outage
 * lifts the limits, it does not stop the gateway.
 */
export async function registerRateLimits(app: FastifyInstance, config: Config, redis: RedisConnections | null): Promise<SocketLimits> {
  const { perIpPerMinute, perCredentialPerMinute } = config.rateLimits;
  const shared = redis ? { redis: redis.commands, nameSpace: redis.key('rate-limit:'), skipOnError: true } : {};
  await app.register(rateLimit, { global: false, ...shared });
  // createRateLimit counts without answering: @fastify/rate-limit runs only one of its own hooks per request.
  const perCredential =
    perCredentialPerMinute > 0
      ? app.createRateLimit({
          max: perCredentialPerMinute,
          timeWindow: MINUTE_MS,
          keyGenerator: (request) => `credential:${credentialKey(request)}`,
          allowList: (request) => credentialKey(request) === null,
        })
      : null;
  const perIp = perIpPerMinute > 0 ? app.createRateLimit({ max: perIpPerMinute, timeWindow: MINUTE_MS, keyGenerator: (request) => `ip:${request.ip}` }) : null;
  const limiters = [perIp, perCredential].filter((limiter) => limiter !== null);
  if (limiters.length > 0) {
    app.addHook('onRequest', async (request, reply) => {
      for (const limiter of limiters) {
        const state = await limiter(request);
        if (!state.isAllowed && state.isExceeded) return answerRateLimited(request, reply, Math.max(1, state.ttlInSeconds));
      }
    });
  }
  const wait = (limiter: typeof perIp) => async (request: FastifyRequest) => {
    const state = limiter ? await limiter(request) : null;
    return state && !state.isAllowed && state.isExceeded ? Math.max(1, state.ttlInSeconds) : 0;
  };
  const perCredentialWait = wait(perCredential);
  const perIpWait = wait(perIp);
  return {
    operation: (token) => perCredentialWait(socketRequest({ authorization: `Bearer ${token}` }, '')),
    upgrade: (ip) => perIpWait(socketRequest({}, ip)),
  };
}

/**
 * The limits a WebSocket counts against, on the counters HTTP uses; each resolves to 0 when the
 * socket may go on, else the seconds to wait. `operation`: one operation (or opening the socket)
 * with a session token, as an HTTP request with `Authorization: Bearer <token>`. `upgrade`: the
 * upgrade request of a client address, as any HTTP request from it.
 */
export interface SocketLimits {
  operation: (token: string) => Promise<number>;
  upgrade: (ip: string) => Promise<number>;
}

/** What the limiters read of a request, for what came over a socket. */
function socketRequest(headers: Record<string, string>, ip: string): FastifyRequest {
  return { headers, ip, query: {}, routeOptions: { config: {} } } as unknown as FastifyRequest;
}

/** 429 with Retry-After in the envelope of the route's family, plain `{statusCode,error,message}` on POST /uploads, GraphQL's elsewhere. */
function answerRateLimited(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const message = `Too many requests: try again in ${retryAfterSeconds} s`;
  void reply.header('retry-after', String(retryAfterSeconds));
  const family = familyOfRoute(request);
  if (family) {
    const rendered = family.renderError(new LegacyError(ErrorCode.RateLimited, message, retryAfterSeconds), request);
    return sendLegacyReply(reply, { ...rendered, status: rendered.status ?? 429 });
  }
  if (request.url.split('?')[0].replace(/\/$/, '') === '/uploads') return sendPlainError(reply, 429, message);
  return reply.code(429).send({ errors: [{ message, extensions: { code: ErrorCode.RateLimited, retryAfter: retryAfterSeconds } }] });
}
