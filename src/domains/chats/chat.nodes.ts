import type { Context } from '../../graphql/context.types';
import type { NodeFetchers } from '../../graphql/node-fetchers';
import { toChat, toMessage, toParticipant } from './chat.mapper';

/** The loader keys `userId:id` of the viewer, or null for an anonymous caller (who sees no chat). */
const keysOf = (ctx: Context, ids: readonly number[]) => (ctx.viewer ? ids.map((id) => `${ctx.viewer!.userId}:${id}`) : null);

/**
 * This domain's Node types, fetched by number for node(id:): a chat, its participants and its
 * messages only for the chat's participants; a message as the messages query shows it (live, not
 * hidden by the viewer's deleted conversation), so a deleted one is null.
 */
export const chatNodes: NodeFetchers = {
  Chat: async (ctx, ids) => {
    const keys = keysOf(ctx, ids);
    if (!keys) return ids.map(() => null);
    return (await ctx.loaders.chatView.loadMany(keys)).map((row) => (row && !(row instanceof Error) ? toChat(row) : null));
  },
  ChatParticipant: async (ctx, ids) => {
    const keys = keysOf(ctx, ids);
    if (!keys) return ids.map(() => null);
    return (await ctx.loaders.visibleParticipant.loadMany(keys)).map((row) => (row && !(row instanceof Error) ? toParticipant(row) : null));
  },
  Message: async (ctx, ids) => {
    const keys = keysOf(ctx, ids);
    if (!keys) return ids.map(() => null);
    return (await ctx.loaders.visibleMessage.loadMany(keys)).map((row) => {
      if (!row || row instanceof Error) return null;
      ctx.loaders.message.prime(row.id, row);
      return toMessage(row);
    });
  },
};
