import type { Window } from '../../../db/keyset';
import type { Context } from '../../../graphql/context.types';
import { requireViewer } from '../../shared/viewer.guard';
import { listActivities as listActivityRows } from './activity.repository';
import type { ActivityRow } from './activity.row';

/** A window of the activities of the viewer and the people they follow, newest first. */
export function listActivities(ctx: Context, window: Window): Promise<ActivityRow[]> {
  return listActivityRows(ctx.db, requireViewer(ctx).userId, window);
}
