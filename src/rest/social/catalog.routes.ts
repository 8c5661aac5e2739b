import type { LegacyRoute } from '../route';

/** The social API's events, products, stories, articles, albums and movies endpoints. */
export const socialCatalogRoutes: LegacyRoute[] = [];
