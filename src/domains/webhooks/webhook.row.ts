import type { Selectable } from 'kysely';
import type { WebhookAttempts, WebhookDeliveries, WebhookSubscriptions } from '../../db/schema';

/** A webhook subscription as stored (its secret included: never shown but at creation and rotation). */
export type WebhookSubscriptionRow = Selectable<WebhookSubscriptions>;

/** One delivery of an outbox event to one subscription. */
export type WebhookDeliveryRow = Selectable<WebhookDeliveries>;

/** One POST of a delivery, as the dispatcher recorded it. */
export type WebhookAttemptRow = Selectable<WebhookAttempts>;
