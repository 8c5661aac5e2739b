import type { Context } from '../../graphql/context.types';
import type { NodeFetchers } from '../../graphql/node-fetchers';
import { canReadPost } from './content-access';
import { ENTITY_STATUS } from './content-status';
import { toComment, toPost, toReply } from './content.mapper';
import type { CommentRow, PostRow, ReplyRow } from './content.row';

/** Rows by id through the loader (one statement for the batch), null for the missing. */
async function rows<R>(loader: { loadMany(ids: readonly number[]): Promise<(R | Error | null)[]> }, ids: readonly number[]): Promise<(R | null)[]> {
  return (await loader.loadMany(ids)).map((row) => (row instanceof Error ? null : row));
}

/** Whether each post (by id) may be read: canReadPost, the rule post(id:) obeys. */
async function readablePosts(ctx: Context, postIds: readonly number[]): Promise<Map<number, boolean>> {
  const posts = await rows<PostRow>(ctx.loaders.post, [...new Set(postIds)]);
  const allowed = await Promise.all(posts.map((post) => (post ? canReadPost(ctx, post) : Promise.resolve(false))));
  return new Map(posts.flatMap((post, i) => (post ? [[post.id, allowed[i]] as const] : [])));
}

/** This domain's Node types, fetched by number for node(id:): null where post(id:), comment(id:) or reply(id:) answers null. */
export const contentNodes: NodeFetchers = {
  Post: async (ctx, ids) => {
    const posts = await rows<PostRow>(ctx.loaders.post, ids);
    const readable = await readablePosts(ctx, ids);
    return posts.map((post) => (post && readable.get(post.id) ? toPost(post) : null));
  },
  Comment: async (ctx, ids) => {
    const comments = (await rows<CommentRow>(ctx.loaders.comment, ids)).map((row) => (row && row.comment_status !== ENTITY_STATUS.DELETED ? row : null));
    const readable = await readablePosts(
      ctx,
      comments.flatMap((row) => (row ? [row.post_id] : [])),
    );
    return comments.map((row) => (row && readable.get(row.post_id) ? toComment(row) : null));
  },
  Reply: async (ctx, ids) => {
    const replies = (await rows<ReplyRow>(ctx.loaders.reply, ids)).map((row) => (row && row.status !== ENTITY_STATUS.DELETED ? row : null));
    const comments = await rows<CommentRow>(
      ctx.loaders.comment,
      replies.flatMap((row) => (row ? [row.comment_id] : [])),
    );
    const liveComments = new Set(comments.flatMap((row) => (row && row.comment_status !== ENTITY_STATUS.DELETED ? [row.id] : [])));
    const readable = await readablePosts(
      ctx,
      replies.flatMap((row) => (row ? [row.post_id] : [])),
    );
    return replies.map((row) => (row && liveComments.has(row.comment_id) && readable.get(row.post_id) ? toReply(row) : null));
  },
};
