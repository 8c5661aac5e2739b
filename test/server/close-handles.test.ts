/**
 * A stopped gateway leaves nothing behind that keeps the process alive: once it served HTTP and a
 * WebSocket and its background work ran, `close()` leaves no more timers, sockets or servers holding
 * the event loop than there were before it started (a Jest worker holding one is killed at the run's
 * end with a warning of leaked handles; a process embedding the gateway would not exit).
 */
import { startTestGateway } from '../support/gateway';
import { waitFor } from '../support/wait';
import { closeGateway, openSocket, runOver } from '../support/ws';
import { TEST_REDIS_URL } from '../redis/two-gateways';

/** How many of each kind of resource keep the event loop alive (unref'd ones are not counted). */
function holding(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** The kinds of which `now` holds more than `before`, with both counts. */
function added(before: Map<string, number>, now: Map<string, number>): string[] {
  return [...now].filter(([kind, n]) => n > (before.get(kind) ?? 0)).map(([kind, n]) => `${kind}: ${before.get(kind) ?? 0} -> ${n}`);
}

/** Starts a gateway with `env`, serves a member over HTTP and a WebSocket, closes it: what it left holding. */
async function leftAfterClose(env: Record<string, string>): Promise<string[]> {
  const before = holding();
  const gw = await startTestGateway(env);
  const member = await gw.member('Handles1');
  expect((await gw.gql('{ viewer { username } }', {}, member.token)).body.data.viewer.username).toBe('Handles1');
  const socket = await openSocket(gw, member.token);
  expect((await runOver(socket.client, '{ viewer { username } }')).data.viewer.username).toBe('Handles1');
  expect(added(before, holding()).length).toBeGreaterThan(0);

  await closeGateway(gw);
  let left: string[] = [];
  await waitFor(() => (left = added(before, holding())).length === 0, 3000, 'the resources the gateway opened to close').catch(() => undefined);
  return left;
}

test('after close() nothing the gateway opened keeps the process alive', async () => {
  expect(await leftAfterClose({})).toEqual([]);
});

(TEST_REDIS_URL ? test : test.skip)('with Redis (pubsub, presence) too', async () => {
  expect(await leftAfterClose({ REDIS_URL: TEST_REDIS_URL!, REDIS_PREFIX: `close-handles-${process.pid}-${Date.now()}:` })).toEqual([]);
});
