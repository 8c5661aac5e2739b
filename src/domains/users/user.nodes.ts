import type { NodeFetchers } from '../../graphql/node-fetchers';
import { findApiKeysOfUser } from './api-key.repository';
import { toApiKey } from './api-key.mapper';
import { findSessionsOfUser } from './credential.repository';
import { toRole } from './role.mapper';
import { toSession } from './session.mapper';
import { toUser } from './user.mapper';
import { UserStatus } from './user-status';
import type { UserRow } from './user.row';

/** A loader's answers in the order asked; errors and missing rows are null. */
function found<R>(rows: readonly (R | Error | null | undefined)[]): (R | null)[] {
  return rows.map((row) => (row instanceof Error || row == null ? null : row));
}

/** Rows by id in the order asked (null where none came back). */
function inOrder<R extends { id: number }>(ids: readonly number[], rows: readonly R[]): (R | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** This domain's Node types, fetched by number for node(id:). */
export const userNodes: NodeFetchers = {
  /** Users as `user` answers them: deleted ones are null, private fields as toUser shows them to the viewer. */
  User: async (ctx, ids) => found<UserRow>(await ctx.loaders.user.loadMany(ids)).map((row) => (row && row.user_status !== UserStatus.DELETED ? toUser(row, ctx.viewer) : null)),
  Role: async (ctx, ids) => found(await ctx.loaders.role.loadMany(ids)).map((row) => (row ? toRole(row) : null)),
  /** The viewer's own sessions that have not expired; anyone else's is null. */
  Session: async (ctx, ids) => {
    if (!ctx.viewer) return ids.map(() => null);
    const now = new Date().toISOString();
    const rows = await findSessionsOfUser(ctx.db, ctx.viewer.userId, ids, now);
    return inOrder(ids, rows).map((row) => (row ? toSession(ctx, row) : null));
  },
  /** The viewer's own API keys (revoked ones too, as apiKeys lists them); anyone else's is null. */
  ApiKey: async (ctx, ids) => {
    if (!ctx.viewer) return ids.map(() => null);
    const rows = await findApiKeysOfUser(ctx.db, ctx.viewer.userId, ids);
    return inOrder(ids, rows).map((row) => (row ? toApiKey(row) : null));
  },
};
