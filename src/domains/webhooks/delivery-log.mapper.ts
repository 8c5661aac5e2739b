import { toDeliveryStatus, type WebhookAttempt, type WebhookDelivery } from './delivery-log.type';
import type { WebhookAttemptRow, WebhookDeliveryRow } from './webhook.row';

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    messageId: row.message_id,
    status: toDeliveryStatus(row.status),
    attemptCount: row.attempt_count,
    nextAttemptAt: date(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toWebhookAttempt(row: WebhookAttemptRow): WebhookAttempt {
  return {
    id: row.id,
    attemptedAt: new Date(row.attempted_at),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
    responseExcerpt: row.response_excerpt,
  };
}
