import { createHash, randomUUID } from 'node:crypto';
import type { RedisConnections } from '../redis/client';

/** Accounts whose failures are remembered at once in a process; the oldest are forgotten first beyond this. */
const MAX_TRACKED_ACCOUNTS = 100_000;

/**
 * Failed sign-ins per account (the login name as typed, so unknown accounts are throttled the
 * same way and the answer tells nothing about which exist) in a sliding window. Past the limit,
 * sign-in is refused without checking the password until the oldest failure leaves the window.
 * Every attempt counts, however requests are packed: each aliased `login` in one document is one.
 */
export interface LoginThrottle {
  /** Seconds until the account may try again; 0 when it may now. */
  retryAfterSeconds(login: string): Promise<number>;
  failed(login: string): Promise<void>;
  succeeded(login: string): Promise<void>;
}

/** The throttle for one instance (counts in this process) or, with Redis, for all of them. */
export function createLoginThrottle(limits: { maxFailures: number; windowSeconds: number }, redis: RedisConnections | null): LoginThrottle {
  const local = new LocalLoginFailures(limits.maxFailures, limits.windowSeconds * 1000);
  return redis ? new SharedLoginThrottle(redis, local) : localThrottle(local);
}

/** The failures of each account kept in this process, oldest account first. */
class LocalLoginFailures {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  retryAfterSeconds(login: string): number {
    return retryAfter(this.recent(accountKey(login)), this.maxFailures, this.windowMs, this.now());
  }

  failed(login: string): void {
    const key = accountKey(login);
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key); // re-inserted last: the map stays ordered oldest first
    this.failures.set(key, recent);
    if (this.failures.size > MAX_TRACKED_ACCOUNTS) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeeded(login: string): void {
    this.failures.delete(accountKey(login));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}

function localThrottle(local: LocalLoginFailures): LoginThrottle {
  return {
    retryAfterSeconds: async (login) => local.retryAfterSeconds(login),
    failed: async (login) => local.failed(login),
    succeeded: async (login) => local.succeeded(login),
  };
}

/**
 * Records a failure and keeps the newest `max` of the window. KEYS: the account's sorted set.
 * ARGV: now (ms), window (ms), max, a unique member.
 */
const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The same throttle over every instance: each account's failure times in a Redis sorted set (the
 * key holds a hash of the login name, never the name). Failures are also counted in this process,
 * and when Redis does not answer those decide, so an outage loosens the throttle to one instance's
 * view instead of refusing or waving through every sign-in.
 */
class SharedLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: RedisConnections,
    private readonly local: LocalLoginFailures,
  ) {}

  async retryAfterSeconds(login: string): Promise<number> {
    const now = Date.now();
    const { maxFailures, windowMs } = this.local;
    try {
      const withScores = await this.redis.commands.zrangebyscore(this.key(login), `(${now - windowMs}`, '+inf', 'WITHSCORES');
      const times = withScores.filter((_, i) => i % 2 === 1).map(Number);
      return retryAfter(times, maxFailures, windowMs, now);
    } catch (error) {
      this.redis.reportError(error, 'login throttle');
      return this.local.retryAfterSeconds(login);
    }
  }

  async failed(login: string): Promise<void> {
    this.local.failed(login);
    const { maxFailures, windowMs } = this.local;
    await this.redis.commands
      .eval(RECORD_FAILURE, 1, this.key(login), Date.now(), windowMs, maxFailures, randomUUID())
      .catch((error) => this.redis.reportError(error, 'login throttle'));
  }

  async succeeded(login: string): Promise<void> {
    this.local.succeeded(login);
    await this.redis.commands.del(this.key(login)).catch((error) => this.redis.reportError(error, 'login throttle'));
  }

  private key(login: string): string {
    return this.redis.key(`login-failures:${createHash('sha256').update(accountKey(login)).digest('base64url')}`);
  }
}

/** Seconds until the oldest of the last `max` failures (times ascending) leaves the window; 0 below `max`. */
function retryAfter(times: number[], max: number, windowMs: number, now: number): number {
  const recent = times.filter((at) => at > now - windowMs);
  if (recent.length < max) return 0;
  return Math.max(1, Math.ceil((recent[recent.length - max] + windowMs - now) / 1000));
}

function accountKey(login: string): string {
  return login.trim().toLowerCase();
}
