import { type FieldNode, getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Columns } from '../../db/columns';
import type { Context } from '../../graphql/context.types';
import { type ConnectionArgs, windowOf } from '../../graphql/connection';
import { columnsOfFields, objectFields, perOperation, type Projection } from '../../graphql/projection';
import { TAG_PROJECTION } from '../tags/tag.mapper';
import { USER_PROJECTION } from '../users/user.mapper';
import { NESTED_LIMIT } from './content.loaders';
import { COMMENT_PROJECTION } from './content.mapper';
import type { PostRow } from './content.row';

/** What a page of posts' selection reads through loaders, and with which columns. */
interface PostsPlan {
  authors: Columns | false;
  tags: Columns | false;
  comments: { limit: number; columns: Columns; authors: Columns | false } | null;
}

/** The columns the `name` fields among `fields` read of what they return (`projection`'s type); false when none is asked for. */
function columnsUnder(fields: FieldNode[], name: string, projection: Projection, fragments: Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>): Columns | false {
  const under = fields.filter((field) => field.name.value === name);
  return under.length > 0 && columnsOfFields(objectFields(under, 'object', fragments), projection);
}

function planOf(info: GraphQLResolveInfo): PostsPlan {
  const fields = objectFields(info.fieldNodes, 'connection', info);
  const comments = fields.filter((field) => field.name.value === 'comments');
  let commentsPlan: PostsPlan['comments'] = null;
  if (comments.length > 0) {
    const definition = (info.schema.getType('Post') as GraphQLObjectType).getFields().comments;
    try {
      const windows = comments.map((field) => windowOf(getArgumentValues(definition, field, info.variableValues) as ConnectionArgs, ['number'], NESTED_LIMIT));
      // One first page, the same under every post (aliases asking other pages are left to their field).
      if (windows.every((window) => !window.after && !window.before && !window.backward && window.offset === 0 && window.size === windows[0].size)) {
        const commentFields = objectFields(comments, 'connection', info);
        commentsPlan = { limit: windows[0].size + 1, columns: columnsOfFields(commentFields, COMMENT_PROJECTION), authors: columnsUnder(commentFields, 'author', USER_PROJECTION, info) };
      }
    } catch {
      // Arguments the field itself refuses: it answers the error at its own path.
    }
  }
  return { authors: columnsUnder(fields, 'author', USER_PROJECTION, info), tags: columnsUnder(fields, 'tags', TAG_PROJECTION, info), comments: commentsPlan };
}

/**
 * Look-ahead for a page of posts: before the page is returned, reads through the request's loaders
 * what its selection will ask them for (authors, tags, the first comments and their authors), in
 * the statements the field resolvers would run themselves, so those resolvers find their data
 * (`read`) and return without a promise. A failed read is left to the field that would have met it.
 */
export async function preloadPosts(ctx: Context, info: GraphQLResolveInfo, posts: readonly PostRow[]): Promise<void> {
  if (posts.length === 0) return;
  const plan = perOperation(info.fieldNodes, preloadPosts, 'plan', () => planOf(info));
  const { comments } = plan;
  const [lists] = await Promise.all([
    comments ? ctx.loaders.commentsByPost.loadMany(posts.map((post) => ({ parentId: post.id, limit: comments.limit, columns: comments.columns }))) : [],
    plan.tags !== false ? ctx.loaders.tagsByRef.loadMany(posts.map((post) => ({ ref: `POST:${post.id}`, columns: plan.tags as Columns }))) : [],
  ]);
  // Post and comment authors in one batch.
  const reads: Promise<unknown>[] = [];
  if (plan.authors !== false)
    reads.push(
      ctx.loaders.user.loadMany(
        posts.map((post) => post.user_id),
        plan.authors,
      ),
    );
  if (comments && comments.authors !== false) {
    // Each list holds one row past the page (it tells whether there is more): its author is not shown.
    const rows = lists.flatMap((list) => (list instanceof Error ? [] : list.slice(0, comments.limit - 1)));
    reads.push(
      ctx.loaders.user.loadMany(
        rows.map((row) => row.user_id),
        comments.authors,
      ),
    );
  }
  await Promise.all(reads);
}
