import type { Context } from '../../graphql/context';
import { toUser } from '../users/user.mapper';
import { UserStatus } from '../users/user-status';
import type { User } from '../users/user.type';

/** Users by id through the request's user loader, in the order given; missing and deleted ones left out. */
export async function usersFromIds(ctx: Context, ids: readonly number[]): Promise<User[]> {
  const rows = await ctx.loaders.user.loadMany(ids);
  return rows.flatMap((row) => (row && !(row instanceof Error) && row.user_status !== UserStatus.DELETED ? [toUser(row, ctx.viewer)] : []));
}
