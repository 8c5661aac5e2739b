import type { CommunityCreateWebhookMutation, CommunityWebhooksQuery } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { MAX_FIRST } from '../../graphql/connection';
import { LegacyError, type LegacyInput, type LegacyRoute } from '../route';
import { page } from './envelope';
import { communityWebhook, WEBHOOK_FIELDS } from './webhook.shape';

/** `event` (the Zapier form) or `events`: a name, a comma list or a JSON list; exactly one of the two. */
function eventsOf({ values }: LegacyInput): string[] {
  const event = values.event as string[] | undefined;
  const events = values.events as string[] | undefined;
  if (event && events) throw new LegacyError(ErrorCode.BadUserInput, 'Send event or events, not both');
  const names = event ?? events;
  if (!names || names.length === 0) throw new LegacyError(ErrorCode.BadUserInput, 'event is required');
  return names;
}

/**
 * The community API's REST hooks (the convention Zapier uses): subscribe answers 201 with the
 * subscription's id and its signing secret (shown once); unsubscribe answers 204 with no body.
 */
export const communityWebhookRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/webhooks',
    summary: 'Subscribe a target URL to events (REST hooks); 201 with the signing secret, shown only here',
    auth: 'user',
    params: [
      { name: 'event', type: 'array', description: 'An event name (or a list); see the webhookEventCatalog query. "*" means every event.' },
      { name: 'events', type: 'array', description: 'A list of event names, instead of event.' },
      { name: 'target_url', type: 'string', required: true, description: 'http(s) URL the events are POSTed to.' },
    ],
    operation: /* GraphQL */ `mutation CommunityCreateWebhook($input: CreateWebhookSubscriptionInput!) {
      createWebhookSubscription(input: $input) { secret subscription { ...CommunityWebhook } }
    } ${WEBHOOK_FIELDS}`,
    variables: (input) => ({ input: { events: eventsOf(input), targetUrl: input.values.target_url } }),
    respond: (data: CommunityCreateWebhookMutation) => ({
      status: 201,
      body: communityWebhook(data.createWebhookSubscription.subscription, data.createWebhookSubscription.secret),
    }),
    fieldNames: { targetUrl: 'target_url', events: 'event' },
  },
  {
    method: 'GET',
    path: '/webhooks',
    summary: "List the caller's webhook subscriptions (no secrets)",
    auth: 'user',
    // One page holds every subscription of the caller: a user holds at most MAX_FIRST of them.
    operation: /* GraphQL */ `query CommunityWebhooks($first: Int!) { webhookSubscriptions(first: $first) { nodes { ...CommunityWebhook } } } ${WEBHOOK_FIELDS}`,
    variables: () => ({ first: MAX_FIRST }),
    respond: (data: CommunityWebhooksQuery) =>
      page(
        data.webhookSubscriptions.nodes.map((subscription) => communityWebhook(subscription)),
        false,
      ),
    note: 'Every subscription of the caller in one answer: has_more is always 0.',
  },
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    summary: "Unsubscribe: remove one of the caller's subscriptions; 204, or 404 when it is not the caller's",
    auth: 'user',
    params: [{ name: 'id', type: 'integer', in: 'path', required: true }],
    operation: /* GraphQL */ `mutation CommunityDeleteWebhook($subscriptionId: ID!) { deleteWebhookSubscription(subscriptionId: $subscriptionId) }`,
    variables: ({ values }) => ({ subscriptionId: toGlobalId('WebhookSubscription', values.id as number) }),
    respond: () => ({ status: 204, body: null }),
    errorMessages: { [ErrorCode.NotFound]: 'Webhook subscription not found' },
  },
];
