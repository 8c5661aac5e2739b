import type { Database } from '../../db/connection';
import { byId, perUserValues } from '../../graphql/batch';
import { createAlbumLoaders } from './album.loaders';
import { AlbumResolver } from './album.resolver';
import type { ArticleRow } from './article.mapper';
import { findActiveArticlesByIds } from './article.repository';
import { ArticleResolver } from './article.resolver';
import { createEventLoaders } from './event.loaders';
import { EventResolver } from './event.resolver';
import type { MovieRow } from './movie.mapper';
import { findMoviesByIds } from './movie.repository';
import { MovieResolver } from './movie.resolver';
import { createProductLoaders } from './product.loaders';
import { ProductResolver } from './product.resolver';
import type { StoryRow } from './story.mapper';
import { findVisibleStories } from './story.repository';
import { StoryResolver } from './story.resolver';

/** The social catalog part: events, products, stories, articles, albums and movies. Its resolvers, for the schema build. */
export const catalogResolvers: Function[] = [EventResolver, ProductResolver, StoryResolver, ArticleResolver, AlbumResolver, MovieResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createCatalogLoaders(db: Database) {
  return {
    ...createEventLoaders(db),
    ...createProductLoaders(db),
    ...createAlbumLoaders(db),
    /** Active articles by id (an inactive one loads as null). */
    catalogArticle: byId<ArticleRow>((ids) => findActiveArticlesByIds(db, ids)),
    movie: byId<MovieRow>((ids) => findMoviesByIds(db, ids)),
    /** Keyed `userId:storyId`: the story when that user may see it (see findVisibleStories), else null. */
    visibleStory: perUserValues<StoryRow | null>(
      async (userId, ids) => new Map((await findVisibleStories(db, userId, ids, new Date().toISOString())).map((row) => [row.id, row])),
      null,
    ),
  };
}
