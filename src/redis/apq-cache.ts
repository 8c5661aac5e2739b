import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RedisConnections } from './client';

/**
 * Drops expired entries (at most 100 a call), stores one, then the least recently used until within
 * bounds; an entry counts its text and `overhead`. Should the count outlive its entries (an eviction
 * took the sorted set), it is reset once none is left, rather than the loop holding Redis for ever;
 * should the entries outlive their count, they are dropped, so it covers them all again.
 */
const STORE = `
local texts, used, bytes = KEYS[1], KEYS[2], KEYS[3]
local key, text, now, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local maxBytes, overhead = tonumber(ARGV[5]), tonumber(ARGV[6])
local function drop(ids)
  for _, id in ipairs(ids) do
    if redis.call('HEXISTS', texts, id) == 1 then redis.call('DECRBY', bytes, redis.call('HSTRLEN', texts, id) + overhead) end
    redis.call('HDEL', texts, id)
    redis.call('ZREM', used, id)
  end
end
if redis.call('EXISTS', bytes) == 0 then redis.call('DEL', texts, used) end
drop(redis.call('ZRANGEBYSCORE', used, '-inf', now - ttl, 'LIMIT', 0, 100))
if redis.call('HEXISTS', texts, key) == 1 then redis.call('DECRBY', bytes, redis.call('HSTRLEN', texts, key) + overhead) end
redis.call('INCRBY', bytes, #text + overhead)
redis.call('HSET', texts, key, text)
redis.call('ZADD', used, now, key)
while tonumber(redis.call('GET', bytes)) > maxBytes do
  local oldest = redis.call('ZRANGE', used, 0, 0)
  if #oldest == 0 then
    redis.call('DEL', texts)
    redis.call('SET', bytes, 0)
    break
  end
  drop(oldest)
end`;

/** The text of an entry used within its TTL, marked used now; nil otherwise. */
const FETCH = `
local score = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not score or tonumber(score) <= tonumber(ARGV[2]) - tonumber(ARGV[3]) then return false end
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
return redis.call('HGET', KEYS[1], ARGV[1])`;

/** Removes one entry (its text and ARGV[2] of overhead); 1 when it was there. */
const DELETE = `
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('DECRBY', KEYS[3], redis.call('HSTRLEN', KEYS[1], ARGV[1]) + tonumber(ARGV[2])) end
return redis.call('HDEL', KEYS[1], ARGV[1])`;

/** What the cache keeps at most: the text of all its entries, and of one. */
export interface ApqBounds {
  maxBytes: number;
  maxEntryBytes: number;
  /** What an entry costs beside its text (its key, the bookkeeping), counted in `maxBytes`. */
  entryOverheadBytes: number;
  /** How long an entry lasts after its last use. */
  ttlSeconds: number;
}

/**
 * Apollo's APQ cache in Redis, shared by every instance: a hash registered on one is found on the
 * others. Bounded like the in-memory one: entries lapse `ttl` after their last use, the least
 * recently used go first once their texts and overheads pass `maxBytes`, and a text over `maxEntryBytes` is not
 * kept (it runs, and its client sends it again next time). A Redis error reads as a miss and
 * skips the store: the client then sends the text, which runs.
 */
export class RedisApqCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: RedisConnections,
    private readonly bounds: ApqBounds,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      const [texts, used] = this.keys();
      const text = await this.redis.commands.eval(FETCH, 2, texts, used, key, Date.now(), this.bounds.ttlSeconds * 1000);
      return typeof text === 'string' ? text : undefined;
    } catch (error) {
      this.redis.reportError(error, 'APQ cache read');
      return undefined;
    }
  }

  /** Stores a text; Apollo's `ttl` is the configured one, so `bounds.ttlSeconds` serves every entry. */
  async set(key: string, text: string): Promise<void> {
    if (Buffer.byteLength(text) > this.bounds.maxEntryBytes) return;
    try {
      const { ttlSeconds, maxBytes, entryOverheadBytes } = this.bounds;
      await this.redis.commands.eval(STORE, 3, ...this.keys(), key, text, Date.now(), ttlSeconds * 1000, maxBytes, entryOverheadBytes);
    } catch (error) {
      this.redis.reportError(error, 'APQ cache write');
    }
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.commands.eval(DELETE, 3, ...this.keys(), key, this.bounds.entryOverheadBytes)) === 1;
  }

  /**
   * The hash of texts, the sorted set of last uses, and the bytes charged (texts and overheads), under
   * REDIS_PREFIX. Entries found without a count (the count key was evicted) are dropped on the next store.
   */
  private keys(): [string, string, string] {
    return [this.redis.key('apq:texts'), this.redis.key('apq:used'), this.redis.key('apq:charged')];
  }
}
