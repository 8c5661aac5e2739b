import { WebhookEventResolver } from './event-stream.resolver';

/** The webhooks delivery part: the outbox, payloads, signing, the dispatcher with retries, and the live event stream. Its resolvers, for the schema build. */
export const webhookDeliveryResolvers: Function[] = [WebhookEventResolver];
