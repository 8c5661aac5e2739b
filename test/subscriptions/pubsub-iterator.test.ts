import { createGatewayPubSub, MAX_QUEUED_EVENTS, Topic } from '../../src/graphql/pubsub';

const change = (userId: number) => ({ userId, presence: 'online' as const, lastSeenAt: null });

test('a subscriber hears what is published from its first next on, in order, however far behind it reads', async () => {
  const pubsub = createGatewayPubSub();
  const events = pubsub.subscribe(Topic.PresenceChanged);
  pubsub.publish(Topic.PresenceChanged, change(0));
  const first = events.next();
  for (const userId of [1, 2, 3]) pubsub.publish(Topic.PresenceChanged, change(userId));
  expect(await first).toEqual({ done: false, value: change(1) });
  expect(await events.next()).toEqual({ done: false, value: change(2) });
  expect(await events.next()).toEqual({ done: false, value: change(3) });
});

test('return ends a waiting next and the stream, and stops listening', async () => {
  const pubsub = createGatewayPubSub();
  const events = pubsub.subscribe(Topic.PresenceChanged);
  const other = pubsub.subscribe(Topic.PresenceChanged);
  const waiting = events.next();
  const otherWaiting = other.next();
  await events.return!();
  expect(await waiting).toEqual({ done: true, value: undefined });
  pubsub.publish(Topic.PresenceChanged, change(1));
  expect(await events.next()).toEqual({ done: true, value: undefined });
  expect(await otherWaiting).toEqual({ done: false, value: change(1) });
});

test('a subscriber that leaves more than MAX_QUEUED_EVENTS unread ends with an error instead of holding them without bound', async () => {
  const pubsub = createGatewayPubSub();
  const events = pubsub.subscribe(Topic.PresenceChanged);
  const first = events.next();
  for (let userId = 0; userId <= MAX_QUEUED_EVENTS + 1; userId++) pubsub.publish(Topic.PresenceChanged, change(userId));
  expect(await first).toEqual({ done: false, value: change(0) });
  await expect(events.next()).rejects.toThrow(`more than ${MAX_QUEUED_EVENTS} events`);
  pubsub.publish(Topic.PresenceChanged, change(-1));
  await expect(events.next()).rejects.toThrow();
});

test('many subscribers of one topic each hear an event, and Node warns of no listener leak', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const pubsub = createGatewayPubSub();
    const subscribers = Array.from({ length: 50 }, () => pubsub.subscribe(Topic.PresenceChanged));
    const firsts = subscribers.map((events) => events.next());
    pubsub.publish(Topic.PresenceChanged, change(7));
    expect(await Promise.all(firsts)).toEqual(subscribers.map(() => ({ done: false, value: change(7) })));
    // Node emits a warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  expect(warnings).toEqual([]);
});
