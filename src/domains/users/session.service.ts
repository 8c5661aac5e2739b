import type { Context } from '../../graphql/context.types';
import { NotFoundError } from '../../errors';
import { accessChanged } from '../../graphql/pubsub';
import { deleteSessionOf, listSessions } from './credential.repository';
import { requireViewer } from '../shared/viewer.guard';

/** The most sessions `sessions` lists (the most recently used). */
export const MAX_LISTED_SESSIONS = 100;

/** The viewer's sessions that have not expired, most recently used first. */
export function viewerSessions(ctx: Context) {
  return listSessions(ctx.db, requireViewer(ctx).userId, new Date().toISOString(), MAX_LISTED_SESSIONS);
}

/**
 * Ends one of the viewer's sessions (the current one too, like `logout`). Another user's session,
 * or one that ended, is NOT_FOUND: ids tell nothing about other accounts. Its open sockets close.
 */
export async function revokeSession(ctx: Context, id: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (!(await deleteSessionOf(ctx.db, viewer.userId, id))) throw new NotFoundError(`Session ${id} does not exist`);
  accessChanged(ctx, [viewer.userId]);
  return true;
}
