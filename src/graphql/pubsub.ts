import { setMaxListeners } from 'node:events';
import type { Messages } from '../db/schema';
import type { DomainEvent } from '../events/domain-event';
import type { Selectable } from 'kysely';
import type { RedisConnections } from '../redis/client';
import { redisEventTarget } from '../redis/event-target';

/** Topics the gateway publishes on. Subscriptions filter per event, so topics stay coarse. */
export enum Topic {
  DomainEvent = 'DOMAIN_EVENT',
  PresenceChanged = 'PRESENCE_CHANGED',
  MessageAdded = 'MESSAGE_ADDED',
  MessageUpdated = 'MESSAGE_UPDATED',
  TypingChanged = 'TYPING_CHANGED',
  ChatUpdated = 'CHAT_UPDATED',
  AccessChanged = 'ACCESS_CHANGED',
}

export interface PresenceChange {
  userId: number;
  presence: 'online' | 'offline';
  lastSeenAt: string | null;
}

/**
 * Chat events carry the ids of the users allowed to see them (the chat's participants when it was
 * published), so a subscription checks each event without a query.
 */
export interface ChatAudience {
  chatId: number;
  userIds: number[];
}

export interface MessageChange extends ChatAudience {
  message: Selectable<Messages>;
}

export interface TypingChange extends ChatAudience {
  userId: number;
  typing: boolean;
  expiresAt: string | null;
}

/** Users whose sessions, status or role changed (or who lost access to something): see `accessChanged`. */
export interface AccessChange {
  userIds: number[];
}

export type TopicPayloads = {
  [Topic.DomainEvent]: [DomainEvent];
  [Topic.PresenceChanged]: [PresenceChange];
  [Topic.MessageAdded]: [MessageChange];
  [Topic.MessageUpdated]: [MessageChange];
  [Topic.TypingChanged]: [TypingChange];
  [Topic.ChatUpdated]: [ChatAudience];
  [Topic.AccessChanged]: [AccessChange];
};

/**
 * The gateway's pubsub. Publishers and subscribers are the same whichever carries the events: this
 * process by default, Redis channels (src/redis/event-target.ts) when REDIS_URL is set, so an event
 * published on one instance reaches the subscribers of all. Over Redis a payload is sent as JSON,
 * which is why every payload here is plain data (ISO strings, numbers, null).
 */
export interface GatewayPubSub {
  publish<K extends Topic>(topic: K, ...payload: TopicPayloads[K]): void;
  subscribe<K extends Topic>(topic: K): AsyncIterableIterator<TopicPayloads[K][0]>;
}

/** Publish and subscribe over one event target: this process's, or Redis's (every instance's); one light iterator per subscriber (see topicEvents). */
export function createGatewayPubSub(redis: RedisConnections | null = null): GatewayPubSub {
  const target: EventTarget = redis ? redisEventTarget(redis) : new EventTarget();
  // One listener per subscriber of a topic (see topicEvents): a chat with eleven open sockets is no
  // leak, though Node warns of one past ten (sockets are bounded by the socket limits instead).
  if (!redis) setMaxListeners(0, target);
  return {
    publish: (topic, payload) => void target.dispatchEvent(new CustomEvent(topic, { detail: payload })),
    subscribe: (topic) => topicEvents(target, topic),
  };
}

/** Events one subscriber may leave unread before its subscription ends (graphql-yoga's Repeater allowed as many). */
export const MAX_QUEUED_EVENTS = 1024;

/**
 * One subscriber's events of a topic. Like the Repeater graphql-yoga's pubsub returns, it listens
 * from the first `next()` until `return()`, and keeps the events its consumer has not asked for yet
 * in order; it costs one promise per event and subscriber where the Repeater spent several (1.4 against
 * 26 µs per delivery to a thousand subscribers in a micro-benchmark).
 */
function topicEvents<T>(target: EventTarget, topic: string): AsyncIterableIterator<T> {
  const queued: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let state: 'idle' | 'listening' | 'ended' = 'idle';
  let overflow = false;
  const listener = (event: Event) => {
    const value = (event as CustomEvent<T>).detail;
    const resolve = waiting.shift();
    if (resolve) resolve({ done: false, value });
    else if (queued.length < MAX_QUEUED_EVENTS) queued.push(value);
    else {
      // A consumer this far behind (a stalled socket) ends with an error rather than holding events without bound.
      overflow = true;
      void end();
    }
  };
  const end = async (): Promise<IteratorResult<T>> => {
    if (state === 'listening') target.removeEventListener(topic, listener);
    state = 'ended';
    queued.length = 0;
    for (const resolve of waiting.splice(0)) resolve({ done: true, value: undefined });
    return { done: true, value: undefined };
  };
  return iterator(() => {
    if (state === 'idle') {
      state = 'listening';
      target.addEventListener(topic, listener);
    }
    if (queued.length > 0) return Promise.resolve({ done: false, value: queued.shift()! });
    if (overflow) return Promise.reject(new Error(`Subscription ended: more than ${MAX_QUEUED_EVENTS} events waited for this subscriber`));
    if (state === 'ended') return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => waiting.push(resolve));
  }, end);
}

/**
 * Tells the sockets of every instance that these users' sessions, status or role changed, or that
 * they lost access to something (a chat they left, say). Call it after the change committed: each
 * of their sockets checks its token again as HTTP would, and ends the subscriptions its viewer may
 * no longer run, or the whole socket when its session is gone (src/http/socket-sessions.ts).
 */
export function accessChanged(services: { pubsub: GatewayPubSub }, userIds: number[]): void {
  if (userIds.length > 0) services.pubsub.publish(Topic.AccessChanged, { userIds });
}

/**
 * The events of a subscription that `keep` accepts. A plain iterator over the pubsub's own, where
 * the pubsub library's `filter` operator adds a second queue and several awaits per subscriber and
 * event; with a thousand subscribers of one chat that was a sizeable share of each delivery.
 * `keep` may answer with a promise where it must look something up (awaited only then); when it
 * throws or rejects, the subscription ends with that error.
 * `return()` ends the source at once, so the pubsub listener goes with the subscriber.
 */
export function filterEvents<T>(source: AsyncIterable<T>, keep: (event: T) => boolean | Promise<boolean>): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  const end = async (): Promise<IteratorResult<T>> => {
    await events.return?.();
    return { done: true, value: undefined };
  };
  return iterator(async () => {
    for (;;) {
      const event = await events.next();
      if (event.done) return event;
      const kept = keep(event.value);
      if (kept === true || (kept !== false && (await kept))) return event;
    }
  }, end);
}

/** An async iterator of `next` whose `return()` and `throw()` run `end`. */
function iterator<T>(next: () => Promise<IteratorResult<T>>, end: () => Promise<IteratorResult<T>>): AsyncIterableIterator<T> {
  return {
    next,
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
