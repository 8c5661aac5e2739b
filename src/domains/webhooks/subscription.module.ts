import { WebhookDeliveryLogResolver } from './delivery-log.resolver';
import { WebhookSubscriptionResolver } from './subscription.resolver';

/** The webhooks subscription part: REST-hook and GraphQL webhook subscriptions, secrets and rotation, the delivery log and redelivery. Its resolvers, for the schema build. */
export const webhookSubscriptionResolvers: Function[] = [WebhookSubscriptionResolver, WebhookDeliveryLogResolver];
