import type { RedisConnections } from './client';

/** How often an instance says it is alive (and looks for dead ones), and how long that lasts. */
export const HEARTBEAT_MS = 3000;
const LIVENESS_TTL_MS = 10_000;

/**
 * Changes this instance's socket count of a user and returns the user's count over all instances.
 * KEYS: the user's hash (instance id → sockets), this instance's set of users.
 * ARGV: instance id, user id, 'add' or 'set', the number.
 */
const COUNT_SOCKETS = `
local n
if ARGV[3] == 'set' then
  n = tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], ARGV[1], n)
else
  n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[4])
end
if n <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('SREM', KEYS[2], ARGV[2])
else
  redis.call('SADD', KEYS[2], ARGV[2])
end
local total = 0
for _, sockets in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(sockets) end
return total`;

/**
 * Removes an instance's sockets and returns the users left with none anywhere. With ARGV[3] = '1'
 * only if the instance is dead (no liveness key) and still listed: of several reapers, one wins.
 * KEYS: the set of instances, the instance's set of users, its liveness key.
 * ARGV: instance id, the prefix of user hashes, '1' for "only if dead".
 */
const DROP_INSTANCE = `
local onlyIfDead = ARGV[3] == '1'
if onlyIfDead and redis.call('EXISTS', KEYS[3]) == 1 then return {} end
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 and onlyIfDead then return {} end
local offline = {}
for _, user in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local hash = ARGV[2] .. user
  redis.call('HDEL', hash, ARGV[1])
  if redis.call('HLEN', hash) == 0 then table.insert(offline, user) end
end
redis.call('DEL', KEYS[2], KEYS[3])
return offline`;

/**
 * Renews this instance's liveness and lists it; returns 1 when it was not listed (first beat, or
 * another instance reaped it while Redis could not hear it).
 * KEYS: the set of instances, the liveness key. ARGV: instance id, TTL in ms.
 */
const HEARTBEAT = `
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return redis.call('SADD', KEYS[1], ARGV[1])`;

/**
 * Sockets per user over every instance sharing the Redis: a hash per user, one field per instance,
 * changed by scripts that return the user's total, so "first socket anywhere" and "last socket
 * anywhere" are decided atomically. An instance that dies without closing stops renewing its
 * liveness key; after LIVENESS_TTL_MS another instance's `reapDead` removes its sockets.
 */
export class ClusterPresence {
  private beaten = false;

  constructor(private readonly redis: RedisConnections) {}

  /** Adds `delta` sockets of the user here; resolves to the user's sockets everywhere. */
  async count(userId: number, delta: number): Promise<number> {
    return this.countSockets(userId, 'add', delta);
  }

  /**
   * Renews this instance's liveness. Resolves to true when it had been reaped (Redis lost it for
   * longer than the TTL): the caller then restores its sockets with `restore`.
   */
  async heartbeat(): Promise<boolean> {
    const added = await this.redis.commands.eval(HEARTBEAT, 2, this.instancesKey(), this.livenessKey(this.redis.instanceId), this.redis.instanceId, LIVENESS_TTL_MS);
    const reaped = this.beaten && added === 1;
    this.beaten = true;
    return reaped;
  }

  /** Sets this instance's sockets of the user again after a reap; resolves to the user's sockets everywhere. */
  async restore(userId: number, sockets: number): Promise<number> {
    return this.countSockets(userId, 'set', sockets);
  }

  /** Removes the sockets of instances that stopped renewing liveness; resolves to the users now offline. */
  async reapDead(): Promise<number[]> {
    const instances = await this.redis.commands.smembers(this.instancesKey());
    const offline: number[] = [];
    for (const instanceId of instances) {
      if (instanceId !== this.redis.instanceId) offline.push(...(await this.drop(instanceId, true)));
    }
    return offline;
  }

  /** Removes this instance's sockets, for shutdown; resolves to the users left with none anywhere. */
  async retire(): Promise<number[]> {
    return this.drop(this.redis.instanceId, false);
  }

  private async countSockets(userId: number, mode: 'add' | 'set', n: number): Promise<number> {
    const { instanceId } = this.redis;
    const total = await this.redis.commands.eval(COUNT_SOCKETS, 2, this.userKey(userId), this.usersKey(instanceId), instanceId, userId, mode, n);
    return Number(total);
  }

  private async drop(instanceId: string, onlyIfDead: boolean): Promise<number[]> {
    const keys = [this.instancesKey(), this.usersKey(instanceId), this.livenessKey(instanceId)];
    const offline = (await this.redis.commands.eval(DROP_INSTANCE, 3, ...keys, instanceId, this.redis.key('presence:user:'), onlyIfDead ? '1' : '0')) as string[];
    return offline.map(Number);
  }

  private instancesKey(): string {
    return this.redis.key('presence:instances');
  }

  private livenessKey(instanceId: string): string {
    return this.redis.key(`presence:alive:${instanceId}`);
  }

  private usersKey(instanceId: string): string {
    return this.redis.key(`presence:users:${instanceId}`);
  }

  private userKey(userId: number): string {
    return this.redis.key(`presence:user:${userId}`);
  }
}
