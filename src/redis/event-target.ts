import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { RedisConnections } from './client';

type MessageListener = (channel: string, message: string) => void;

/**
 * The pubsub's event target over Redis channels, so an event published on one instance reaches the
 * subscribers of every instance, this one included, once each (a publish goes only to Redis).
 * Topics become channels under REDIS_PREFIX. A publish or subscribe that fails while Redis is away
 * is reported, never thrown: the event is lost, the gateway keeps serving, and the subscriber
 * connection subscribes again when it is back. Payloads travel as JSON: plain rows and events.
 */
export function redisEventTarget(redis: RedisConnections) {
  return createRedisEventTarget({ publishClient: prefixedPublisher(redis), subscribeClient: prefixedSubscriber(redis) });
}

/** The part of ioredis the event target uses for publishing, with the prefix and errors reported. */
function prefixedPublisher(redis: RedisConnections): Redis {
  const publisher = {
    publish: (channel: string, message: string) => redis.commands.publish(redis.key(channel), message).catch((error) => redis.reportError(error, 'publish')),
  };
  return publisher as unknown as Redis; // the event target calls publish only
}

/** The part of ioredis the event target uses for subscribing, with the prefix and errors reported. */
function prefixedSubscriber(redis: RedisConnections): Redis {
  const subscriber = {
    on(event: 'message', listener: MessageListener) {
      redis.subscriber.on(event, (channel: string, message: string) => {
        const topic = redis.unprefixed(channel);
        if (topic !== null) listener(topic, message);
      });
      return subscriber;
    },
    subscribe: (channel: string) => redis.subscriber.subscribe(redis.key(channel)).catch((error) => redis.reportError(error, 'subscribe')),
    unsubscribe: (channel: string) => redis.subscriber.unsubscribe(redis.key(channel)).catch((error) => redis.reportError(error, 'unsubscribe')),
  };
  return subscriber as unknown as Redis; // the event target calls on('message'), subscribe and unsubscribe only
}
