import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { boardNodes } from '../domains/boards/board.nodes';
import { chatNodes } from '../domains/chats/chat.nodes';
import { contentNodes } from '../domains/content/content.nodes';
import { marketingNodes } from '../domains/marketing/marketing.nodes';
import { graphNodes } from '../domains/social/graph/graph.nodes';
import { socialNodes } from '../domains/social/social.nodes';
import { tagNodes } from '../domains/tags/tag.nodes';
import { userNodes } from '../domains/users/user.nodes';
import { webhookNodes } from '../domains/webhooks/webhook.nodes';
import type { Context } from './context.types';
import { Node, NODE_TYPE, parseGlobalId, toGlobalId } from './node';
import type { NodeFetchers } from './node-fetchers';
import { BadUserInputError } from '../errors';

/** How every Node type is fetched by number for `node`/`nodes`: through its loaders, null where the viewer may not see it. */
const FETCHERS: NodeFetchers = {
  ...userNodes,
  ...contentNodes,
  ...boardNodes,
  ...tagNodes,
  ...chatNodes,
  ...socialNodes,
  ...graphNodes,
  ...marketingNodes,
  ...webhookNodes,
};

/** The Node types `node` can fetch. */
export const FETCHABLE_NODE_TYPES: readonly string[] = Object.keys(FETCHERS);

/** Fetches many objects by global id: one fetch per type, so one statement per type. */
async function fetchNodes(ctx: Context, ids: readonly string[]): Promise<(object | null)[]> {
  const parsed = ids.map((id, index) => {
    const named = parseGlobalId(id);
    if (!named) throw new BadUserInputError(`${ids.length === 1 ? 'id' : `ids.${index}`} is not an id this API gave out`, ids.length === 1 ? 'id' : `ids.${index}`);
    return named;
  });
  const byType = new Map<string, number[]>();
  for (const { type, id } of parsed) if (FETCHERS[type]) byType.set(type, [...(byType.get(type) ?? []), id]);
  const found = new Map<string, object | null>();
  await Promise.all(
    [...byType].map(async ([type, numbers]) => {
      const objects = await FETCHERS[type](ctx, numbers);
      numbers.forEach((id, i) => found.set(`${type}:${id}`, objects[i] ? Object.assign(objects[i], { [NODE_TYPE]: type }) : null));
    }),
  );
  return parsed.map(({ type, id }) => found.get(`${type}:${id}`) ?? null);
}

@Resolver(() => Node)
export class NodeResolver {
  /** Every Node type's `id`: the global id of its type and number. */
  @FieldResolver(() => ID, { name: 'id' })
  globalId(@Root() root: { id: number }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, root.id);
  }

  @Query(() => Node, { nullable: true, description: 'Any object by global id; null when it does not exist or the viewer may not see it.' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<object | null> {
    return (await fetchNodes(ctx, [id]))[0];
  }

  @Query(() => [Node], { nullable: 'items', description: 'Objects by global id, in the order asked (at most 100); null for each that does not exist or the viewer may not see.' })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<(object | null)[]> {
    return fetchNodes(ctx, ids);
  }
}
