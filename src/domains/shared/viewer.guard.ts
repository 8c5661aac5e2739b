import type { Context } from '../../graphql/context.types';
import { UnauthenticatedError } from '../../errors';

/** The signed-in viewer, or UNAUTHENTICATED: the first check of every capability that needs one. */
export function requireViewer(ctx: Context) {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}
