/**
 * The Redis APQ cache's bound under attack: many small registrations stay within APQ_CACHE_MB of
 * Redis memory (each entry is charged its key and bookkeeping, some 340 bytes in Redis 7, beside its
 * text), and a byte count that lost its entries (the sorted set evicted or deleted by hand) is
 * put right by the next store instead of looping in Redis for ever, as are entries that lost their count.
 */
import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Redis } from 'ioredis';
import { persistedQueriesOption } from '../../src/graphql/apq-cache';
import { RedisConnections } from '../../src/redis/client';
import { describeWithRedis, TEST_REDIS_URL } from './two-gateways';

const MAX_BYTES = 256 * 1024;
const entry = (i: number) => {
  const text = `{a${i}:__typename}`;
  return { key: `apq:${createHash('sha256').update(text).digest('hex')}`, text };
};

describeWithRedis('APQ cache bounds in Redis', () => {
  const prefix = `test:apq-bounds:${process.pid}:`;
  let connections: RedisConnections;
  let redis: Redis;
  let cache: KeyValueCache<string>;
  beforeAll(async () => {
    connections = new RedisConnections(TEST_REDIS_URL!, prefix);
    await connections.ready(2000);
    redis = new Redis(TEST_REDIS_URL!);
    // The gateway's own cache over REDIS_URL, APQ_CACHE_MB a quarter of a MiB.
    const option = persistedQueriesOption({ trustedDocuments: null, only: false, apqTtlSeconds: 3600, apqCacheBytes: MAX_BYTES }, connections);
    if (option === false) throw new Error('APQ is on without TRUSTED_DOCUMENTS_ONLY');
    cache = option.cache;
  });
  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(async () => {
    await redis?.quit();
    await connections?.close();
  });

  test('5 000 registrations of ~20-byte texts keep the cache within APQ_CACHE_MB of Redis memory, the latest kept', async () => {
    for (let i = 0; i < 5000; i++) await cache.set(entry(i).key, entry(i).text);
    let memory = 0;
    for (const name of ['apq:texts', 'apq:used', 'apq:charged']) memory += Number(await redis.call('MEMORY', 'USAGE', `${prefix}${name}`, 'SAMPLES', '0'));
    expect(memory).toBeLessThanOrEqual(MAX_BYTES);
    expect(await redis.hlen(`${prefix}apq:texts`)).toBeGreaterThan(400);
    expect(await cache.get(entry(4999).key)).toBe(entry(4999).text);
  });

  test('a byte count whose entries are gone is reset by the next store, which is kept', async () => {
    for (let i = 0; i < 10; i++) await cache.set(entry(i).key, entry(i).text);
    // As an allkeys-* eviction policy may: the sorted set of uses goes, the count stays.
    await redis.del(`${prefix}apq:used`);
    await redis.set(`${prefix}apq:charged`, String(MAX_BYTES * 2));
    await cache.set(entry(10).key, entry(10).text);
    expect(Number(await redis.get(`${prefix}apq:charged`))).toBeLessThanOrEqual(MAX_BYTES);
    expect(await redis.ping()).toBe('PONG');
    await cache.set(entry(11).key, entry(11).text);
    expect(await cache.get(entry(11).key)).toBe(entry(11).text);
  });

  test('entries whose byte count is gone are dropped by the next store, so the count again covers every entry', async () => {
    for (let i = 0; i < 10; i++) await cache.set(entry(i).key, entry(i).text);
    await redis.del(`${prefix}apq:charged`);
    await cache.set(entry(10).key, entry(10).text);
    expect(await redis.hkeys(`${prefix}apq:texts`)).toEqual([entry(10).key]);
    expect(await redis.zrange(`${prefix}apq:used`, 0, -1)).toEqual([entry(10).key]);
    expect(await cache.get(entry(10).key)).toBe(entry(10).text);
  });
});
