import type { GraphQLSchema } from 'graphql';
import type { Database } from '../../db/connection';
import type { DomainEvent } from '../../events/domain-event';

/**
 * Builds the body of an event's webhook, reading through `schema` on `db` (the change's transaction,
 * to see its uncommitted rows); `jobId` is the outbox row's id, or null when none was written. The
 * gateway injects the community family's payload (src/rest/community/webhook-payload.ts).
 */
export type PayloadBuilder = (schema: GraphQLSchema, db: Database, event: DomainEvent, jobId: number | null) => Promise<Record<string, unknown>>;
