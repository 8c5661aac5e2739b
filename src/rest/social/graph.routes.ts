import type { LegacyRoute } from '../route';

/** The social API's follows, blocks, notifications, activities and people discovery (nearby users, suggestions) endpoints. */
export const socialGraphRoutes: LegacyRoute[] = [];
