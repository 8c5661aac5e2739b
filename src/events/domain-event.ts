import type { EventName } from './domain-event.catalog';

/** Something that happened in a domain, named as in the event catalog (`member.joined`, …). */
export interface DomainEvent {
  name: EventName;
  occurredAt: string;
  /** The user whose action caused the event, when there is one. */
  actorId: number | null;
  /** Entities by kind, each a list of ids even for one (the webhook payload's shape). */
  entities: Record<string, number[]>;
  /**
   * Set by the webhook outbox when it wrote the event in the change's transaction: its
   * webhook_events id and payload. A plain field, so it travels with the event through Redis and
   * every instance's dispatcher and event stream see it.
   */
  outbox?: { jobId: number; payload: string };
}
