import type { LegacyRoute } from '../route';

/** The social API's pages, groups and search across users, pages and groups endpoints. */
export const socialPlaceRoutes: LegacyRoute[] = [];
