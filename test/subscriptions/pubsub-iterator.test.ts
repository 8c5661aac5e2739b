import { createGatewayPubSub, Topic } from '../../src/graphql/pubsub';

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
