import ipaddr from 'ipaddr.js';
import { createHash } from 'node:crypto';
import type { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisConnections } from '../redis/client';

const DAY_SECONDS = 86_400;

/** Who is trying to sign in: the account (see `loginAccount`) and the client address, when known. */
export interface LoginAttempt {
  account: string;
  address: string | null;
}

/**
 * Failed sign-ins, counted the way rate-limiter-flexible's "login endpoint protection" counts them:
 * per account in a window (LOGIN_MAX_FAILURES per LOGIN_FAILURE_WINDOW_SECONDS, counted from the
 * first failure), and per client address over every account in a day (LOGIN_MAX_FAILURES_PER_ADDRESS),
 * so one address cannot try a password on many accounts. Past either limit, sign-in is refused
 * without checking the password until that count ends. A success clears the account's failures,
 * not the address's. Every attempt counts, however requests are packed: each aliased `login` in one
 * document is one.
 */
export interface LoginThrottle {
  /** Seconds until this attempt may be made; 0 when it may now. */
  retryAfterSeconds(attempt: LoginAttempt): Promise<number>;
  failed(attempt: LoginAttempt): Promise<void>;
  succeeded(attempt: LoginAttempt): Promise<void>;
}

/**
 * The account an attempt counts against: the user it names (so a user's username and email share
 * one budget), or, when it names none, the login name as typed, so unknown accounts are throttled
 * the same way and the answer tells nothing about which exist.
 */
export function loginAccount(userId: number | null, login: string): string {
  return userId === null ? `name:${login.trim().toLowerCase()}` : `user:${userId}`;
}

/**
 * The throttle for one instance (counts in this process) or, with Redis, for all of them. Counts in
 * a process live only as long as their window and grow only as fast as failures do, each of which
 * costs a bcrypt comparison, so they stay small without a cap of their own.
 */
export function createLoginThrottle(limits: { maxFailures: number; windowSeconds: number; maxFailuresPerAddress: number }, redis: RedisConnections | null): LoginThrottle {
  const byAccount = new FailureBudget('login-failures', limits.maxFailures, limits.windowSeconds, redis);
  const byAddress = limits.maxFailuresPerAddress > 0 ? new FailureBudget('login-failures-by-address', limits.maxFailuresPerAddress, DAY_SECONDS, redis) : null;
  return {
    async retryAfterSeconds({ account, address }) {
      const waits = await Promise.all([byAccount.waitMs(account), address !== null && byAddress ? byAddress.waitMs(addressKey(address)) : 0]);
      const wait = Math.max(...waits);
      return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : 0;
    },
    async failed({ account, address }) {
      await Promise.all([byAccount.add(account), address !== null ? byAddress?.add(addressKey(address)) : undefined]);
    },
    async succeeded({ account }) {
      await byAccount.clear(account);
    },
  };
}

/**
 * One kind of count: in this process, and with Redis also shared by every instance (keys hold a
 * hash, never a login name). Failures are always counted here too, and when Redis does not answer
 * this process's count decides, so an outage loosens the throttle to one instance's view instead of
 * refusing or waving through every sign-in.
 */
class FailureBudget {
  private readonly local: RateLimiterMemory;
  private readonly shared: RateLimiterRedis | null;

  constructor(
    name: string,
    private readonly max: number,
    windowSeconds: number,
    private readonly redis: RedisConnections | null,
  ) {
    // Each store from its own module: the package's index loads every store it has (0.9 MB of heap).
    const Memory = require('rate-limiter-flexible/lib/RateLimiterMemory') as typeof RateLimiterMemory;
    const Redis = require('rate-limiter-flexible/lib/RateLimiterRedis') as typeof RateLimiterRedis;
    this.local = new Memory({ keyPrefix: name, points: max, duration: windowSeconds });
    this.shared = redis ? new Redis({ storeClient: redis.commands, keyPrefix: redis.key(name), points: max, duration: windowSeconds }) : null;
  }

  /** Milliseconds until the count for `key` ends, when it reached the limit; else 0. */
  async waitMs(key: string): Promise<number> {
    const counted = await this.read(hashed(key));
    return counted && counted.consumedPoints >= this.max ? Math.max(0, counted.msBeforeNext) : 0;
  }

  async add(key: string): Promise<void> {
    await this.local.penalty(hashed(key));
    await this.shared?.penalty(hashed(key)).catch((error) => this.report(error));
  }

  async clear(key: string): Promise<void> {
    await this.local.delete(hashed(key));
    await this.shared?.delete(hashed(key)).catch((error) => this.report(error));
  }

  private async read(key: string): Promise<RateLimiterRes | null> {
    if (this.shared) {
      try {
        return await this.shared.get(key);
      } catch (error) {
        this.report(error);
      }
    }
    return this.local.get(key);
  }

  private report(error: unknown): void {
    this.redis?.reportError(error, 'login throttle');
  }
}

function hashed(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** An IPv6 client is counted by its /64, which one subscriber usually holds whole. */
function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
