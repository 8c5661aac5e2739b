import type { NodeFetchers } from '../../../graphql/node-fetchers';
import { toActivity } from './activity.mapper';
import { pairKey } from './follow.loaders';
import { toNotification } from './notification.mapper';

/** The social graph's Node types, fetched by number for node(id:): only the viewer's own notifications, only the activities their list shows. */
export const graphNodes: NodeFetchers = {
  Notification: async (ctx, ids) => {
    const viewer = ctx.viewer;
    if (!viewer) return ids.map(() => null);
    const rows = await ctx.loaders.notification.loadMany(ids);
    return rows.map((row) => (row && !(row instanceof Error) && row.recipient_id === viewer.userId ? toNotification(row) : null));
  },
  Activity: async (ctx, ids) => {
    const viewer = ctx.viewer;
    if (!viewer) return ids.map(() => null);
    const rows = await ctx.loaders.visibleActivity.loadMany(ids.map((id) => pairKey(viewer.userId, id)));
    return rows.map((row) => (row && !(row instanceof Error) ? toActivity(row) : null));
  },
};
