import type { Viewer } from '../../auth/viewer';
import type { Database } from '../../db/connection';
import { findExpiredDate } from './member-validity.repository';

/**
 * Whether a marketing caller's membership has run out: a member whose `expired_date` has passed.
 * Admins never expire; a member without an `expired_date` (one registered through another API) has
 * no end. A package's validity only sets how long a membership lasts when the package is assigned
 * (the admin writes `expired_date` with it), so the package itself is not consulted here.
 */
export async function memberValidityExpired(db: Database, viewer: Viewer, now: Date = new Date()): Promise<boolean> {
  if (viewer.isAdmin) return false;
  const row = await findExpiredDate(db, viewer.userId);
  if (!row) return true;
  return row.expired_date !== null && Date.parse(row.expired_date) <= now.getTime();
}
