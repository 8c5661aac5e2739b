import type { Database } from '../../db/connection';
import { createAlbumLoaders } from './album.loaders';
import { AlbumResolver } from './album.resolver';
import { ArticleResolver } from './article.resolver';
import { createEventLoaders } from './event.loaders';
import { EventResolver } from './event.resolver';
import { MovieResolver } from './movie.resolver';
import { createProductLoaders } from './product.loaders';
import { ProductResolver } from './product.resolver';
import { StoryResolver } from './story.resolver';

/** The social catalog part: events, products, stories, articles, albums and movies. Its resolvers, for the schema build. */
export const catalogResolvers: Function[] = [EventResolver, ProductResolver, StoryResolver, ArticleResolver, AlbumResolver, MovieResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createCatalogLoaders(db: Database) {
  return {
    ...createEventLoaders(db),
    ...createProductLoaders(db),
    ...createAlbumLoaders(db),
  };
}
