import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { PersistedDocumentsConfig } from '../config';
import { RedisApqCache } from '../redis/apq-cache';
import type { RedisConnections } from '../redis/client';

/** The longest text the APQ cache keeps (UTF-16 units in memory, bytes in Redis): a longer one runs, and its client sends it again next time. */
export const APQ_MAX_ENTRY_BYTES = 64 * 1024;

/**
 * Apollo's `persistedQueries` option: off with TRUSTED_DOCUMENTS_ONLY (a hash no manifest holds is
 * refused, a text never registered). Otherwise a cache of at most APQ_CACHE_MB of query text, each
 * entry at most APQ_MAX_ENTRY_BYTES and kept APQ_TTL after its last use, least recently used
 * dropped first: in this process, or with REDIS_URL in Redis, shared by every instance.
 */
export function persistedQueriesOption(config: PersistedDocumentsConfig, redis: RedisConnections | null): false | { cache: KeyValueCache<string>; ttl: number } {
  if (config.only) return false;
  const bounds = { maxBytes: config.apqCacheBytes, maxEntryBytes: APQ_MAX_ENTRY_BYTES, ttlSeconds: config.apqTtlSeconds };
  const cache = redis
    ? new RedisApqCache(redis, bounds)
    : new InMemoryLRUCache<string>({ maxSize: bounds.maxBytes, maxEntrySize: bounds.maxEntryBytes, ttl: bounds.ttlSeconds * 1000, updateAgeOnGet: true });
  return { cache, ttl: bounds.ttlSeconds };
}
