/** Something that happened in a domain, named as in the webhook catalog (`member.joined`, …). */
export interface DomainEvent {
  name: string;
  occurredAt: string;
  /** The user whose action caused the event, when there is one. */
  actorId: number | null;
  /** Entities by kind, each a list of ids even for one (the webhook payload's shape). */
  entities: Record<string, number[]>;
}
