import type { LegacyRoute } from '../route';

/** The community API's REST-hook endpoints: subscribe, list, unsubscribe. */
export const communityWebhookRoutes: LegacyRoute[] = [];
