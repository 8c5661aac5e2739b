import { execute, type DocumentNode, type GraphQLSchema, parse } from 'graphql';
import type { Viewer } from '../../auth/viewer';
import type { DomainEvent } from '../../events/domain-event';
import { createContext } from '../../graphql/context';
import type { Services } from '../../graphql/context.types';
import { toGlobalId } from '../../graphql/node';
import { BOARD_FRAGMENT, COMMENT_FRAGMENT, communityBoard, communityComment, communityPost, communityReply, communityTag, POST_FRAGMENT, REPLY_FRAGMENT, TAG_FRAGMENT } from './content.shape';
import { communityUser, USER_FIELDS } from './user.shape';
import { withAbsoluteLinks } from '../public-url';

/** The body of every webhook: `{"event", "job_id", "entities": {kind: [entity, …]}}`, as the community document shows. */
export type WebhookPayload = {
  event: string;
  job_id: number | null;
  entities: Record<string, Record<string, unknown>[]>;
};

/** Reads entities for payloads: sees what an admin sees (emails included), but is nobody. Role 1 is the admin role (ROLE.ADMIN of the users domain). */
const PAYLOAD_VIEWER: Viewer = {
  userId: 0,
  roleId: 1,
  isAdmin: true,
  isModerator: true,
  scheme: 'api_key',
  tokenId: null,
  apiKeyId: null,
  callingSystem: 'webhooks',
};

interface EntityShape {
  document: DocumentNode;
  /** The operation's variables for an entity number; `{ id }` unless given. */
  variables?: (id: number) => Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entity's shape takes its own operation's node type
  shape: (node: any) => Record<string, unknown>;
}

const query = (field: string, fragment: string, spread: string, idType = 'Int!') => parse(`query Webhook${spread}($id: ${idType}) { node: ${field}(id: $id) { ...${spread} } } ${fragment}`);

/** An entity read by global id through node(id:), which answers null where the entity's own query would. */
const nodeQuery = (type: string, fragment: string, spread: string) => ({
  document: parse(`query Webhook${spread}($id: ID!) { node(id: $id) { ...${spread} } } ${fragment}`),
  variables: (id: number) => ({ id: toGlobalId(type, id) }),
});

/** Kinds with a community endpoint, in that endpoint's shape; every other kind is `{ "id": N }`. */
const SHAPES: Record<string, EntityShape> = {
  user: { document: query('user', USER_FIELDS, 'CommunityUser', 'ID!'), variables: (id) => ({ id: toGlobalId('User', id) }), shape: communityUser },
  post: { ...nodeQuery('Post', POST_FRAGMENT, 'CommunityPost'), shape: communityPost },
  comment: { ...nodeQuery('Comment', COMMENT_FRAGMENT, 'CommunityComment'), shape: communityComment },
  reply: { ...nodeQuery('Reply', REPLY_FRAGMENT, 'CommunityReply'), shape: communityReply },
  board: { ...nodeQuery('Board', BOARD_FRAGMENT, 'CommunityBoard'), shape: communityBoard },
  tag: { ...nodeQuery('Tag', TAG_FRAGMENT, 'CommunityTag'), shape: communityTag },
};

/**
 * Builds an event's payload by running the community fragments in-process on `db` (pass the
 * change's transaction to see its uncommitted rows). An entity that can no longer be read (a
 * deleted user, say) and every kind without a community endpoint appear as `{ "id": N }`. With
 * PUBLIC_URL set, root-relative links (an avatar stored before it was) start with it. The gateway
 * injects it as the webhooks domain's PayloadBuilder, for the outbox and the live event stream.
 */
export async function buildWebhookPayload(services: Services, schema: GraphQLSchema, db: Services['db'], event: DomainEvent, jobId: number | null): Promise<WebhookPayload> {
  const contextValue = createContext({ ...services, db }, { viewer: PAYLOAD_VIEWER, requestId: `webhook-${event.name}`, ip: null });
  const entities: WebhookPayload['entities'] = {};
  for (const [kind, ids] of Object.entries(event.entities)) {
    const known = SHAPES[kind];
    // All at once, so the context's loaders batch the reads of one kind into one statement.
    entities[kind] = await Promise.all(
      ids.map(async (id) => {
        if (!known) return { id };
        const result = await execute({ schema, document: known.document, variableValues: known.variables ? known.variables(id) : { id }, contextValue });
        const node = (result.data as { node?: unknown } | null | undefined)?.node;
        if (!node) return { id };
        const shaped = known.shape(node);
        return services.config.publicUrl ? (withAbsoluteLinks(shaped, services.config.publicUrl) as Record<string, unknown>) : shaped;
      }),
    );
  }
  return { event: event.name, job_id: jobId, entities };
}
