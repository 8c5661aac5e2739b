import { GraphQLJSONObject } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Resolver, Root, Subscription } from 'type-graphql';
import type { DomainEvent } from '../../events/domain-event';
import type { Context } from '../../graphql/context.types';
import { filterEvents, Topic } from '../../graphql/pubsub';
import { requireAdmin } from '../users/user.service';
import { outboxEntry } from './outbox.recorder';

/**
 * Every event, or those named, while the viewer is an admin: the check runs again for each event
 * against the context's current viewer (a socket keeps it current), so a demoted admin's stream
 * ends with FORBIDDEN rather than carrying one more payload.
 */
function domainEvents(ctx: Context, names: string[] | null | undefined) {
  requireAdmin(ctx);
  const wanted = names && names.length > 0 && !names.includes('*') ? new Set(names) : null;
  return filterEvents(ctx.pubsub.subscribe(Topic.DomainEvent), (event: DomainEvent) => {
    requireAdmin(ctx);
    return wanted === null || wanted.has(event.name);
  });
}

@Resolver()
export class WebhookEventResolver {
  @Subscription(() => GraphQLJSONObject, {
    subscribe: ({ args, context }) => domainEvents(context as Context, (args as { events: string[] | null }).events),
    description:
      'Admins only: every committed domain event (or those named; "*" means all) as its webhook payload. ' + '`job_id` is the outbox id when a webhook subscription wanted the event, else null.',
  })
  async webhookEvent(
    @Root() event: DomainEvent,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('events', () => [String], { nullable: true, description: 'Event names to receive; all when absent.' }) _events?: string[] | null,
  ): Promise<Record<string, unknown>> {
    const written = outboxEntry(event);
    if (written) return JSON.parse(written.payload) as Record<string, unknown>;
    return ctx.webhookPayload(info.schema, ctx.db, event, null);
  }
}
