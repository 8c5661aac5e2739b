import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId, toGlobalId } from '../../graphql/node';
import { EVENT_CATALOG } from '../../events/domain-event.catalog';
import { ConnectionArgs, connectionType, toConnection, windowOf, type Connection } from '../../graphql/connection';
import { CreateWebhookSubscriptionInput, RotateWebhookSecretInput, UpdateWebhookSubscriptionInput } from './subscription.input';
import { createSubscription, deleteSubscription, rotateSecret, updateSubscription, viewerSubscriptions, visibleSubscription } from './subscription.service';
import { WebhookCatalogEvent, WebhookSubscription, WebhookSubscriptionWithSecret } from './subscription.type';
import { toWebhookSubscription, withSecret } from './subscription.mapper';

/** A page of webhook subscriptions, oldest first. */
export const WebhookSubscriptionConnection = connectionType(WebhookSubscription, { totalCount: true, description: 'A page of webhook subscriptions, oldest first.' });

const subscriptionId = (id: string, field: string) => fromGlobalId(id, 'WebhookSubscription', field);

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => [WebhookCatalogEvent], { description: `Every event a webhook subscription may ask for: the fixed catalog (${EVENT_CATALOG.length} events), in the README's order.` })
  webhookEventCatalog(): WebhookCatalogEvent[] {
    return EVENT_CATALOG.map((event) => ({ ...event, entities: [...event.entities] }));
  }

  @Authorized()
  @Query(() => WebhookSubscriptionConnection, {
    description: "The viewer's webhook subscriptions, oldest first (a user holds at most 100, one page); `allUsers` (admins only) lists everyone's. 20 a page by default, at most 100.",
  })
  async webhookSubscriptions(
    @Ctx() ctx: Context,
    @Args() args: ConnectionArgs,
    @Arg('allUsers', () => Boolean, { defaultValue: false, description: "Admins only: everyone's subscriptions, not just the viewer's." }) allUsers: boolean,
  ): Promise<Connection<WebhookSubscription>> {
    const window = windowOf(args);
    const { rows, count } = viewerSubscriptions(ctx, allUsers, window);
    return toConnection(await rows, window, (row) => [row.id], toWebhookSubscription, count);
  }

  @Authorized()
  @Query(() => WebhookSubscription, { nullable: true, description: "One of the viewer's subscriptions (any, for an admin); null otherwise." })
  async webhookSubscription(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<WebhookSubscription | null> {
    const row = await visibleSubscription(ctx, subscriptionId(id, 'id'));
    return row ? toWebhookSubscription(row) : null;
  }

  @Authorized()
  @Mutation(() => WebhookSubscriptionWithSecret, { description: 'Subscribes the viewer; the answer holds the signing secret, shown only here.' })
  async createWebhookSubscription(@Ctx() ctx: Context, @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput): Promise<WebhookSubscriptionWithSecret> {
    return withSecret(await createSubscription(ctx, input));
  }

  @Authorized()
  @Mutation(() => WebhookSubscription, { description: "Changes one of the viewer's subscriptions; re-activating clears disabledReason and failingSince." })
  async updateWebhookSubscription(@Ctx() ctx: Context, @Arg('input', () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput): Promise<WebhookSubscription> {
    return toWebhookSubscription(await updateSubscription(ctx, subscriptionId(input.subscriptionId, 'input.subscriptionId'), input));
  }

  @Authorized()
  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'Replaces the signing secret (returned once); the old one keeps signing alongside for graceSeconds.',
  })
  async rotateWebhookSecret(@Ctx() ctx: Context, @Arg('input', () => RotateWebhookSecretInput) input: RotateWebhookSecretInput): Promise<WebhookSubscriptionWithSecret> {
    return withSecret(await rotateSecret(ctx, subscriptionId(input.subscriptionId, 'input.subscriptionId'), input.graceSeconds));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Removes one of the viewer's subscriptions and its delivery log; answers the removed subscription's global id." })
  async deleteWebhookSubscription(@Ctx() ctx: Context, @Arg('subscriptionId', () => ID, { description: 'The subscription to remove (its global id).' }) id: string): Promise<string> {
    const row = await deleteSubscription(ctx, subscriptionId(id, 'subscriptionId'));
    return toGlobalId('WebhookSubscription', row.id);
  }
}
