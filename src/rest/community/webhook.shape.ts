import type { CommunityWebhookFragment } from '../../generated/operations';
import { compact } from './envelope';

/** The subscription fields every REST-hook operation selects; the secret is selected only by the create operation. */
export const WEBHOOK_FIELDS = /* GraphQL */ `
  fragment CommunityWebhook on WebhookSubscription { id: databaseId events targetUrl active disabledReason createdAt }
`;

/**
 * A REST-hook subscription as the community API shows one: `event` when it has exactly one event
 * (the Zapier form), `events` always, and `secret` only in the answer to the subscribe call.
 */
export function communityWebhook(subscription: CommunityWebhookFragment, secret?: string) {
  return compact({
    id: subscription.id,
    event: subscription.events.length === 1 ? subscription.events[0] : undefined,
    events: subscription.events,
    target_url: subscription.targetUrl,
    active: subscription.active,
    disabled_reason: subscription.disabledReason,
    created_at: subscription.createdAt,
    secret,
  });
}
