import type { LegacyRoute } from '../route';

/** The marketing API's bot-page subscribers, labels and flow campaigns endpoints. */
export const marketingAudienceRoutes: LegacyRoute[] = [];
