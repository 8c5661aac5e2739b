import type { NodeFetchers } from '../../graphql/node-fetchers';
import { hiddenBoardIds } from '../content/content-access';
import { findTagsByIds } from './tag.repository';
import { toTag } from './tag.mapper';

/** This domain's Node types, fetched by number for node(id:): a tag the viewer meets only on content they may not read (as tag(id:)) is null. */
export const tagNodes: NodeFetchers = {
  Tag: async (ctx, ids) => {
    const rows = await findTagsByIds(ctx.db, ids, await hiddenBoardIds(ctx));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row ? toTag(row) : null;
    });
  },
};
