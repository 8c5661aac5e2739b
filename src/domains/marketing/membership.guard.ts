import type { Viewer } from '../../auth/viewer';
import type { Context } from '../../graphql/context.types';
import { MembershipExpiredError } from '../../errors';
import { requireViewer } from '../shared/viewer.guard';

/**
 * The viewer, for a read or write of marketing objects (contact groups, contacts, bot pages' labels,
 * subscribers and flows, the package list), refused with MEMBERSHIP_EXPIRED once their
 * `expired_date` has passed, whichever door they came through. Only the marketing capabilities ask:
 * an expired member keeps using social, chat and community. Admins never expire, and a member
 * without an `expired_date` (one registered through another API) has no end. A package's validity
 * only sets how long a membership lasts when it is assigned (the admin writes `expired_date` with
 * it), so the package itself is not consulted.
 */
export async function requireMembership(ctx: Context): Promise<Viewer> {
  const viewer = requireViewer(ctx);
  if (viewer.isAdmin) return viewer;
  const user = await ctx.loaders.user.load(viewer.userId);
  if (user?.expired_date != null && Date.parse(user.expired_date) <= Date.now()) throw new MembershipExpiredError();
  return viewer;
}
