import type { Database } from '../../../db/connection';
import { RequestLoader, byId } from '../../../graphql/batch';
import { visibleActivitiesByIds } from './activity.repository';
import type { ActivityRow } from './activity.row';
import { pairKey } from './follow.loaders';
import { findNotificationsByIds } from './notification.repository';

/** Per-request loaders of activities and notifications by id, for node(id:). */
export function createGraphNodeLoaders(db: Database) {
  return {
    /** A notification by id, whoever it is for (the caller checks the recipient). */
    notification: byId((ids) => findNotificationsByIds(db, ids)),
    /** An activity as a viewer's activities list would show it, keyed `viewerId:activityId`; null when it would not. */
    visibleActivity: new RequestLoader<string, ActivityRow | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':').map(Number));
      const found = new Map<string, ActivityRow>();
      for (const viewerId of new Set(pairs.map(([viewer]) => viewer))) {
        const ids = pairs.filter(([viewer]) => viewer === viewerId).map(([, id]) => id);
        for (const row of await visibleActivitiesByIds(db, viewerId, ids)) found.set(pairKey(viewerId, row.id), row);
      }
      return keys.map((key) => found.get(key) ?? null);
    }),
  };
}
