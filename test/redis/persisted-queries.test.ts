/**
 * Automatic persisted queries shared through Redis (REDIS_URL): a hash Apollo Client registers on
 * instance A is answered by instance B from the hash alone; the entries live under REDIS_PREFIX and
 * stay within APQ_CACHE_MB, the least recently used dropped first.
 */
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { parse } from 'graphql';
import type { TestGateway } from '../support/gateway';
import { code, type Member, newMembers } from '../support/graphql';
import { describeWithRedis, type GatewayPair, startGatewayPair, waitFor } from './two-gateways';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** POSTs Apollo's APQ form to `gw`: the hash, and the text when given. */
function apq(gw: TestGateway, text: string, withText: boolean, token?: string) {
  const body = { ...(withText ? { query: text } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } };
  return gw.http('POST', '/graphql', { json: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describeWithRedis('APQ shared by two gateways over Redis', () => {
  let pair: GatewayPair;
  let ann: Member;
  beforeAll(async () => {
    pair = await startGatewayPair('apq', { APQ_CACHE_MB: '1' });
    [ann] = await newMembers(pair.a, 1, 'redisapq');
  });
  afterAll(() => pair?.close());

  /** Apollo does not wait for its APQ store before it answers: waits until the entry is in Redis. */
  const registered = (key: string) => waitFor(async () => (await pair.redis.hexists(`${pair.prefix}apq:texts`, key)) === 1, 2000, `${key} in Redis`);

  test("a hash Apollo Client's persisted-query link registers on A is answered by B from the hash alone", async () => {
    const text = 'query SharedViewer { viewer { __typename username } }';
    const sent: string[] = [];
    let hash = '';
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({ sha256 }).concat(
        new HttpLink({
          uri: `${pair.a.url}/graphql`,
          headers: { authorization: `Bearer ${ann.token}` },
          fetch: (url, init) => {
            const body = JSON.parse(String(init?.body));
            hash = body.extensions.persistedQuery.sha256Hash;
            sent.push(body.query === undefined ? 'hash' : 'hash+text');
            return fetch(url, init);
          },
        }),
      ),
    });
    const onA = await client.query({ query: parse(text) });
    expect(onA.data).toEqual({ viewer: { __typename: 'User', username: 'redisapq1m0' } });
    expect(sent).toEqual(['hash', 'hash+text']);
    await registered(`apq:${hash}`);
    const fromB = await pair.b.http('POST', '/graphql', { json: { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, headers: { authorization: `Bearer ${ann.token}` } });
    expect(fromB.body).toEqual({ data: { viewer: { __typename: 'User', username: 'redisapq1m0' } } });
  });

  test('the cache lives under REDIS_PREFIX and stays within APQ_CACHE_MB (1 MiB here), least recently used dropped first', async () => {
    const texts = Array.from({ length: 24 }, (_, i) => `# ${i} ${'x'.repeat(60_000)}\nquery Padded${i} { roles { name } }`);
    for (const text of texts) expect((await apq(pair.a, text, true)).status).toBe(200);
    await registered(`apq:${sha256(texts[texts.length - 1])}`);
    const bytes = Number(await pair.redis.get(`${pair.prefix}apq:charged`));
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(bytes).toBeGreaterThan(1024 * 1024 - 70_000);
    const known = [];
    for (const text of texts) known.push(code(await apq(pair.b, text, false)) !== 'PERSISTED_QUERY_NOT_FOUND');
    expect(known.slice(0, 5)).toEqual([false, false, false, false, false]);
    expect(known.slice(-10)).toEqual(Array(10).fill(true));
    const stored = Object.keys(await pair.redis.hgetall(`${pair.prefix}apq:texts`));
    expect(await pair.redis.zcard(`${pair.prefix}apq:used`)).toBe(stored.length);
  });
});
