import { randomUUID } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';

/** Reconnect delays grow by this much per attempt, up to the cap. */
const BACKOFF_STEP_MS = 100;
const BACKOFF_CAP_MS = 2000;
/** A command that gets no answer in this time fails, so a stalled Redis never stalls a request. */
const COMMAND_TIMEOUT_MS = 1000;

/** Where connection and command errors go: the gateway's logger once it exists. */
export type RedisErrorReporter = (error: unknown, what: string) => void;

/**
 * The Redis connections one gateway instance holds when REDIS_URL is set: `commands` for counters,
 * presence scripts and publishing, `subscriber` for pubsub channels (a subscribed connection takes
 * no other commands). Both reconnect forever with a capped backoff and never throw their errors:
 * they are reported. Every key and channel goes through `key`, which prepends REDIS_PREFIX.
 */
export class RedisConnections {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** This process among the gateways sharing the Redis (presence counts sockets per instance). */
  readonly instanceId = randomUUID();
  private report: RedisErrorReporter = (error, what) => process.stderr.write(`redis ${what}: ${messageOf(error)}\n`);

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Commands wait for the first connection (see `ready`), then fail at once while Redis is away.
    this.commands = this.connect(url, 'commands', { commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 });
    // Subscriptions wait as long as it takes, and are made again on every reconnection.
    this.subscriber = this.connect(url, 'subscriber', { maxRetriesPerRequest: null });
  }

  /** Sends errors to `report` from now on (the gateway's logger, once the app is built). */
  reportTo(report: RedisErrorReporter): void {
    this.report = report;
  }

  /** Reports an error of a command whose caller does not wait for it (a publish, say). */
  reportError(error: unknown, what: string): void {
    this.report(error, what);
  }

  /** A key or channel name in this gateway's namespace. */
  key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** The channel name without the prefix, or null for a channel of another namespace. */
  unprefixed(channel: string): string | null {
    return channel.startsWith(this.prefix) ? channel.slice(this.prefix.length) : null;
  }

  /**
   * Resolves once both connections are ready, or false after `timeoutMs`: the gateway serves either
   * way. From then on a command sent while Redis is away fails at once instead of waiting in the
   * offline queue (ioredis reads the option per command), so no request waits for a reconnection.
   */
  async ready(timeoutMs: number): Promise<boolean> {
    const connected = (client: Redis) => (client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve())));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await Promise.race([Promise.all([connected(this.commands), connected(this.subscriber)]).then(() => true), late]);
    clearTimeout(timer);
    this.commands.options.enableOfflineQueue = false;
    return ok;
  }

  /** Closes both connections; queued commands fail (their callers report it) rather than hold shutdown. */
  async close(): Promise<void> {
    await Promise.all([this.commands, this.subscriber].map((client) => closeClient(client)));
  }

  /** `ioredis` loads only here, so a gateway without REDIS_URL never pays its start-up time and memory. */
  private connect(url: string, role: string, options: RedisOptions): Redis {
    const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
    const client = new RedisClient(url, {
      ...options,
      connectionName: `gateway-${role}-${this.instanceId.slice(0, 8)}`,
      retryStrategy: (attempt) => Math.min(attempt * BACKOFF_STEP_MS, BACKOFF_CAP_MS),
    });
    client.on('error', (error: unknown) => this.report(error, `${role} connection`));
    return client;
  }
}

/** Quits a connected client (its last replies arrive first), drops any other; resolves when it ended. */
async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
  else client.disconnect();
  // A client waiting to reconnect ends without an 'end' event: its timer is gone, nothing is left to wait for.
  if (client.status === 'reconnecting') return;
  await ended;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The Redis connections for `config`, or null when REDIS_URL is unset (everything stays in process). */
export function openRedis(config: { redisUrl: string | null; redisPrefix: string }): RedisConnections | null {
  return config.redisUrl === null ? null : new RedisConnections(config.redisUrl, config.redisPrefix);
}
