import { createPubSub } from '@graphql-yoga/subscription';
import type { DomainEvent } from '../events/domain-event';

/** Topics the gateway publishes on. Subscriptions filter per event, so topics stay coarse. */
export enum Topic {
  DomainEvent = 'DOMAIN_EVENT',
  PresenceChanged = 'PRESENCE_CHANGED',
}

export interface PresenceChange {
  userId: number;
  presence: 'online' | 'offline';
  lastSeenAt: string | null;
}

export type TopicPayloads = {
  [Topic.DomainEvent]: [DomainEvent];
  [Topic.PresenceChanged]: [PresenceChange];
};

/**
 * The gateway's pubsub. The default lives in this process; a Redis event target can be passed to
 * `createPubSub` for several instances without changing publishers or subscribers.
 */
export type GatewayPubSub = ReturnType<typeof createPubSub<TopicPayloads>>;

export function createGatewayPubSub(): GatewayPubSub {
  return createPubSub<TopicPayloads>();
}
