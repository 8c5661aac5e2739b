import type { LegacyRoute } from '../route';

/** The marketing API's contact groups and contacts endpoints. */
export const marketingContactRoutes: LegacyRoute[] = [];
