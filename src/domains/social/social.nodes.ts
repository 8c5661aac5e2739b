import type { Context } from '../../graphql/context.types';
import type { NodeFetcher, NodeFetchers } from '../../graphql/node-fetchers';
import { toAlbum, toAlbumMedia } from './listings/album.mapper';
import { toArticle } from './listings/article.mapper';
import { toEvent } from './listings/event.mapper';
import { toGroup } from './places/group.mapper';
import { toMovie } from './listings/movie.mapper';
import { toPage } from './places/page.mapper';
import { toProduct, toProductImage } from './listings/product.mapper';
import { toStory } from './listings/story.mapper';

/** A fetcher through a by-id loader of the request: one statement for all the ids asked. */
function through<R>(loaderOf: (ctx: Context) => { loadMany(ids: readonly number[]): Promise<(R | null | Error)[]> }, toNode: (row: R) => object): NodeFetcher {
  return async (ctx, ids) => (await loaderOf(ctx).loadMany(ids)).map((row) => (row && !(row instanceof Error) ? toNode(row) : null));
}

/**
 * This domain's Node types, fetched by number for node(id:). Pages, groups, events, products,
 * albums and movies are public, as their queries show them; an article only while active; a story
 * only to its owner, and unexpired to the users who follow its owner (the stories list's rule).
 */
export const socialNodes: NodeFetchers = {
  Page: through((ctx) => ctx.loaders.page, toPage),
  Group: through((ctx) => ctx.loaders.group, toGroup),
  Event: through((ctx) => ctx.loaders.listingEvent, toEvent),
  Product: through((ctx) => ctx.loaders.listingProduct, toProduct),
  ProductImage: through((ctx) => ctx.loaders.productImage, toProductImage),
  Article: through((ctx) => ctx.loaders.listingArticle, toArticle),
  Album: through((ctx) => ctx.loaders.album, toAlbum),
  AlbumMedia: through((ctx) => ctx.loaders.albumMediaItem, toAlbumMedia),
  Movie: through((ctx) => ctx.loaders.movie, toMovie),
  Story: async (ctx, ids) => {
    if (!ctx.viewer) return ids.map(() => null);
    const rows = await ctx.loaders.visibleStory.loadMany(ids.map((id) => `${ctx.viewer!.userId}:${id}`));
    return rows.map((row) => (row && !(row instanceof Error) ? toStory(row) : null));
  },
};
