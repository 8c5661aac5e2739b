import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ForbiddenError } from '../../errors';
import type { UserRow } from './user.row';
import { findUserByEmail, findUserByUsername } from './user.repository';

/** Ways to name one user; exactly one is given. */
export interface UserRef {
  id?: number | null;
  msid?: string | null;
  username?: string | null;
  email?: string | null;
}

/** Finds the user a reference names (msid must match its sid; email lookups are for admins). */
export async function findUserRef(ctx: Context, ref: UserRef): Promise<UserRow | null> {
  const given = Object.entries(ref).filter(([, v]) => v !== undefined && v !== null);
  if (given.length !== 1) throw new BadUserInputError(`Give exactly one of ${Object.keys(ref).join(', ')}`);
  if (ref.username != null) return (await findUserByUsername(ctx.db, ref.username)) ?? null;
  if (ref.email != null) {
    if (!ctx.viewer?.isAdmin) throw new ForbiddenError('Only admins may look users up by email');
    return (await findUserByEmail(ctx.db, ref.email)) ?? null;
  }
  if (ref.msid != null) {
    const match = /^(\d+)\.([A-Za-z0-9]+)$/.exec(ref.msid);
    if (!match) throw new BadUserInputError('msid must look like <user_id>.<sid>', 'msid');
    const row = await ctx.loaders.user.load(Number(match[1]));
    return row && row.sid === match[2] ? row : null;
  }
  return ctx.loaders.user.load(ref.id as number);
}
