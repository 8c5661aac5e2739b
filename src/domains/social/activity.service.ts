import type { Context } from '../../graphql/context';
import { requireViewer } from '../users/user.service';
import { listActivities as listActivityRows, type ActivityRow } from './activity.repository';
import { assertPage } from './follow.paging';

/** The activities of the viewer and the people they follow, newest first; `beforeId` pages towards older ones. */
export function listActivities(ctx: Context, limit: number, beforeId: number | null): Promise<ActivityRow[]> {
  const viewer = requireViewer(ctx);
  assertPage(limit);
  return listActivityRows(ctx.db, viewer.userId, limit, beforeId);
}
