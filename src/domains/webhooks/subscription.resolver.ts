import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { EVENT_CATALOG } from './catalog';
import { CreateWebhookSubscriptionInput, UpdateWebhookSubscriptionInput } from './subscription.input';
import { createSubscription, deleteSubscription, rotateSecret, updateSubscription, viewerSubscriptions, visibleSubscription } from './subscription.service';
import { toWebhookSubscription, WebhookSubscription, WebhookSubscriptionWithSecret, withSecret } from './subscription.type';

/** One entry of the event catalog. */
@ObjectType()
export class WebhookCatalogEvent {
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => [String], { description: 'The entity kinds the payload carries under `entities`.' }) entities!: string[];
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => [WebhookCatalogEvent], { description: 'Every event a webhook subscription may ask for.' })
  webhookEventCatalog(): WebhookCatalogEvent[] {
    return EVENT_CATALOG.map((event) => ({ ...event, entities: [...event.entities] }));
  }

  @Authorized()
  @Query(() => [WebhookSubscription], { description: "The viewer's webhook subscriptions; `allUsers` (admins only) lists everyone's." })
  async webhookSubscriptions(
    @Ctx() ctx: Context,
    @Arg('allUsers', () => Boolean, { defaultValue: false }) allUsers: boolean,
  ): Promise<WebhookSubscription[]> {
    return (await viewerSubscriptions(ctx, allUsers)).map(toWebhookSubscription);
  }

  @Authorized()
  @Query(() => WebhookSubscription, { nullable: true, description: "One of the viewer's subscriptions (any, for an admin); null otherwise." })
  async webhookSubscription(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<WebhookSubscription | null> {
    const row = await visibleSubscription(ctx, id);
    return row ? toWebhookSubscription(row) : null;
  }

  @Authorized()
  @Mutation(() => WebhookSubscriptionWithSecret, { description: 'Subscribes the viewer; the answer holds the signing secret, shown only here.' })
  async createWebhookSubscription(
    @Ctx() ctx: Context,
    @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput,
  ): Promise<WebhookSubscriptionWithSecret> {
    return withSecret(await createSubscription(ctx, input));
  }

  @Authorized()
  @Mutation(() => WebhookSubscription, { description: "Changes one of the viewer's subscriptions; re-activating clears disabledReason and failingSince." })
  async updateWebhookSubscription(
    @Ctx() ctx: Context,
    @Arg('id', () => Int) id: number,
    @Arg('input', () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput,
  ): Promise<WebhookSubscription> {
    return toWebhookSubscription(await updateSubscription(ctx, id, input));
  }

  @Authorized()
  @Mutation(() => WebhookSubscriptionWithSecret, {
    description: 'Replaces the signing secret (returned once); the old one keeps signing alongside for graceSeconds.',
  })
  async rotateWebhookSecret(
    @Ctx() ctx: Context,
    @Arg('id', () => Int) id: number,
    @Arg('graceSeconds', () => Int, { defaultValue: 86400 }) graceSeconds: number,
  ): Promise<WebhookSubscriptionWithSecret> {
    return withSecret(await rotateSecret(ctx, id, graceSeconds));
  }

  @Authorized()
  @Mutation(() => WebhookSubscription, { description: "Removes one of the viewer's subscriptions and its delivery log; answers what was removed." })
  async deleteWebhookSubscription(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<WebhookSubscription> {
    return toWebhookSubscription(await deleteSubscription(ctx, id));
  }
}
