import type { NodeFetchers } from '../../graphql/node-fetchers';
import { canSeeBoard } from './board.rules';
import { toBoard } from './board.mapper';

/** This domain's Node types, fetched by number for node(id:): a board the viewer may not see (as board(id:)) is null. */
export const boardNodes: NodeFetchers = {
  Board: async (ctx, ids) => {
    const [rows, memberOf] = await Promise.all([ctx.loaders.board.loadMany(ids), ctx.viewer ? ctx.loaders.memberBoards.load(ctx.viewer.userId) : new Set<number>()]);
    return rows.map((row) => (row && !(row instanceof Error) && canSeeBoard(row, ctx.viewer, memberOf) ? toBoard(row) : null));
  },
};
