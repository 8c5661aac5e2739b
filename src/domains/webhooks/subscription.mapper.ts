import { parseEvents } from './subscription.rules';
import type { WebhookSubscription, WebhookSubscriptionWithSecret } from './subscription.type';
import type { WebhookSubscriptionRow } from './webhook.row';

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toWebhookSubscription(row: WebhookSubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    userId: row.user_id,
    callingSystem: row.calling_system,
    targetUrl: row.target_url,
    events: parseEvents(row.events),
    active: row.active === 1,
    disabledReason: row.disabled_reason,
    failingSince: date(row.failing_since),
    previousSecretExpiresAt: date(row.previous_secret_expires_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The once-only answer of create and rotate. */
export function withSecret(row: WebhookSubscriptionRow): WebhookSubscriptionWithSecret {
  return { subscription: toWebhookSubscription(row), secret: row.secret };
}
