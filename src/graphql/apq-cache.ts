import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { PersistedDocumentsConfig } from '../config';
import { RedisApqCache } from '../redis/apq-cache';
import type { RedisConnections } from '../redis/client';

/** The longest text the APQ cache keeps (UTF-16 units in memory, bytes in Redis): a longer one runs, and its client sends it again next time. */
export const APQ_MAX_ENTRY_BYTES = 64 * 1024;

/**
 * What an entry costs beside its text, charged against APQ_CACHE_MB: its key (`apq:` and 64 hex) and
 * the cache's bookkeeping, measured at some 250 bytes of heap here and 340 in Redis 7. Counting texts
 * alone, registrations of 20-byte texts held some 15 times APQ_CACHE_MB.
 */
export const APQ_ENTRY_OVERHEAD_BYTES = 384;

/**
 * Apollo's `persistedQueries` option: off with TRUSTED_DOCUMENTS_ONLY (a hash no manifest holds is
 * refused, a text never registered). Otherwise a cache of at most APQ_CACHE_MB of query text and
 * APQ_ENTRY_OVERHEAD_BYTES an entry, each text at most APQ_MAX_ENTRY_BYTES and kept APQ_TTL after its last use, least recently used
 * dropped first: in this process, or with REDIS_URL in Redis, shared by every instance.
 */
export function persistedQueriesOption(config: PersistedDocumentsConfig, redis: RedisConnections | null): false | { cache: KeyValueCache<string>; ttl: number } {
  if (config.only) return false;
  const bounds = { maxBytes: config.apqCacheBytes, maxEntryBytes: APQ_MAX_ENTRY_BYTES, entryOverheadBytes: APQ_ENTRY_OVERHEAD_BYTES, ttlSeconds: config.apqTtlSeconds };
  const cache = redis
    ? new RedisApqCache(redis, bounds)
    : new InMemoryLRUCache<string>({
        maxSize: bounds.maxBytes,
        maxEntrySize: bounds.maxEntryBytes + bounds.entryOverheadBytes,
        sizeCalculation: (text) => text.length + bounds.entryOverheadBytes,
        ttl: bounds.ttlSeconds * 1000,
        updateAgeOnGet: true,
      });
  return { cache, ttl: bounds.ttlSeconds };
}
