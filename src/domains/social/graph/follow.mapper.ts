import type { Window } from '../../../db/keyset';
import type { Context } from '../../../graphql/context.types';
import { type Connection, toConnection } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { UserStatus } from '../../users/user-status';
import type { User } from '../../users/user.type';

/** Users by id through the request's user loader, in the order given; missing and deleted ones left out. */
export async function usersFromIds(ctx: Context, ids: readonly number[]): Promise<User[]> {
  const rows = await ctx.loaders.user.loadMany(ids);
  return rows.flatMap((row) => (row && !(row instanceof Error) && row.user_status !== UserStatus.DELETED ? [toUser(row, ctx.viewer)] : []));
}

/** The key the graph's user lists sort by: when the relation was made, then the user id (cursors carry both). */
export const GRAPH_USER_KEY = ['string', 'number'] as const;

/**
 * A connection of a graph list of users from the rows a windowed query returned (sorted by created_at
 * and id): the users through the request's loader; one deleted meanwhile is left out.
 */
export async function graphUserConnection(ctx: Context, rows: readonly { id: number; created_at: string }[], window: Window, count?: () => Promise<number> | number): Promise<Connection<User>> {
  const users = new Map(
    (
      await usersFromIds(
        ctx,
        rows.map((row) => row.id),
      )
    ).map((user) => [user.id, user]),
  );
  const connection = toConnection(
    rows,
    window,
    (row) => [row.created_at, row.id],
    (row) => users.get(row.id) ?? null,
    count,
  );
  if (connection.edges.every((edge) => edge.node)) return connection as Connection<User>;
  const edges = connection.edges.filter((edge): edge is { cursor: string; node: User } => edge.node !== null);
  return Object.assign(connection, { edges, nodes: edges.map((edge) => edge.node) });
}
