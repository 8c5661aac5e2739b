import type { Client } from 'graphql-ws';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ClusterPresence } from '../../src/redis/presence';
import { type Member, newMembers } from '../support/graphql';
import { closeGateway, wsClient } from '../support/ws';
import { describeWithRedis, type GatewayPair, sleep, startGatewayPair, storedPresence, waitFor } from './two-gateways';
import { toGlobalId } from '../../src/graphql/node';

/** Opens a socket of `member` on `gw` and resolves once the server accepted it (and counted it). */
async function openSocket(gw: TestGateway, member: Member): Promise<Client> {
  const client = wsClient(gw, { Authorization: `Bearer ${member.token}` }, { lazy: false });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return client;
}

/** The presence changes of `userId` streamed to a watcher's socket on `gw`. */
async function watchPresence(gw: TestGateway, watcher: Member, userId: number): Promise<string[]> {
  const seen: string[] = [];
  const client = await openSocket(gw, watcher);
  client.subscribe<{ presenceChanged: { presence: string } }>(
    { query: `subscription { presenceChanged(userIds: ["${toGlobalId('User', userId)}"]) { presence } }` },
    { next: (result) => seen.push(result.data!.presenceChanged.presence), error: () => undefined, complete: () => undefined },
  );
  await sleep(300); // the subscription listens on Redis
  return seen;
}

describeWithRedis('presence over Redis, two gateways', () => {
  let pair: GatewayPair;
  beforeAll(async () => {
    pair = await startGatewayPair('presence');
  });
  afterAll(() => pair.close());

  test('a user with sockets on A and B goes online with the first and offline only when the last one anywhere closes', async () => {
    const { a, b } = pair;
    const [user, watcher] = await newMembers(a, 2, 'redispres');
    const changes = await watchPresence(b, watcher, user.id);
    const onA = await openSocket(a, user);
    await waitFor(async () => (await storedPresence(a, user.id)) === 'online');
    const onB = await openSocket(b, user);
    await onA.dispose();
    await sleep(500);
    expect(await storedPresence(b, user.id)).toBe('online');
    await onB.dispose();
    await waitFor(async () => (await storedPresence(a, user.id)) === 'offline');
    await sleep(200);
    expect(changes).toEqual(['ONLINE', 'OFFLINE']);
  });

  test('the sockets of an instance that died without closing are reaped: its users go offline, once, and the living keep theirs', async () => {
    const { a, b, redis, prefix } = pair;
    const [ghost, living, watcher] = await newMembers(a, 3, 'redisreap');
    const changes = await watchPresence(a, watcher, ghost.id);
    await openSocket(b, living);
    await waitFor(async () => (await storedPresence(a, living.id)) === 'online');
    // An instance that counted the ghost's socket, set them online, then stopped: its liveness lapses.
    const dead = 'dead-instance-1';
    await redis.hset(`${prefix}presence:user:${ghost.id}`, dead, 1);
    await redis.sadd(`${prefix}presence:users:${dead}`, ghost.id);
    await redis.sadd(`${prefix}presence:instances`, dead);
    await redis.set(`${prefix}presence:alive:${dead}`, '1', 'PX', 1000);
    await a.http('POST', `/api/users/${ghost.id}/set-status/online`, { headers: { authorization: `Bearer ${ghost.token}` } });
    await waitFor(async () => (await storedPresence(a, ghost.id)) === 'online');
    await sleep(500);
    expect(await storedPresence(a, ghost.id)).toBe('online'); // still alive: not reaped yet
    await waitFor(async () => (await storedPresence(a, ghost.id)) === 'offline', 6000);
    expect(await redis.sismember(`${prefix}presence:instances`, dead)).toBe(0);
    expect(await redis.exists(`${prefix}presence:user:${ghost.id}`, `${prefix}presence:users:${dead}`)).toBe(0);
    await sleep(3500); // another beat of both instances: nothing more to reap
    expect(changes).toEqual(['ONLINE', 'OFFLINE']);
    expect(await storedPresence(a, living.id)).toBe('online');
  });

  test('an instance reaped while alive (its beats did not reach Redis in time) counts its sockets again at its next beat', async () => {
    const { a, b, redis, prefix } = pair;
    const [user] = await newMembers(a, 1, 'redisrestore');
    await openSocket(a, user);
    await waitFor(async () => (await storedPresence(a, user.id)) === 'online');
    const instanceOfA = a.app.gateway.services.redis!.instanceId;
    // What B's reaper does once A's liveness key has lapsed; the reaper would also store "offline".
    await redis.del(`${prefix}presence:alive:${instanceOfA}`);
    expect(await new ClusterPresence(b.app.gateway.services.redis!).reapDead()).toContain(user.id);
    await a.app.database.db.updateTable('users').set({ presence: 'offline' }).where('id', '=', user.id).execute();
    await waitFor(async () => (await redis.hget(`${prefix}presence:user:${user.id}`, instanceOfA)) === '1', 5000);
    await waitFor(async () => (await storedPresence(a, user.id)) === 'online');
    expect(await redis.sismember(`${prefix}presence:instances`, instanceOfA)).toBe(1);
  });

  test('a gateway that shuts down takes offline only the users with no socket elsewhere', async () => {
    const { a, b } = pair;
    const { databaseUrl, redisUrl } = a.app.gateway.services.config;
    const third = await startTestGateway({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl!, REDIS_PREFIX: pair.prefix });
    let open = true;
    try {
      const [both, onlyThird] = await newMembers(a, 2, 'redisclose');
      await openSocket(b, both);
      await openSocket(third, both);
      await openSocket(third, onlyThird);
      await waitFor(async () => (await storedPresence(a, onlyThird.id)) === 'online' && (await storedPresence(a, both.id)) === 'online');
      open = false;
      await closeGateway(third);
      expect(await storedPresence(a, onlyThird.id)).toBe('offline');
      expect(await storedPresence(a, both.id)).toBe('online');
    } finally {
      if (open) await closeGateway(third);
    }
  });
});
