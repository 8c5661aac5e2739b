import type { Database } from '../../../db/connection';
import { byId, perUserValues } from '../../../graphql/batch';
import { createAlbumLoaders } from './album.loaders';
import type { ArticleRow } from './article.row';
import { findActiveArticlesByIds } from './article.repository';
import { createEventLoaders } from './event.loaders';
import type { MovieRow } from './movie.row';
import { findMoviesByIds } from './movie.repository';
import { createProductLoaders } from './product.loaders';
import type { StoryRow } from './story.row';
import { findVisibleStories } from './story.repository';

/** Per-request loaders of the social listings: events, products, albums, articles, movies and stories. */
export function createListingLoaders(db: Database) {
  return {
    ...createEventLoaders(db),
    ...createProductLoaders(db),
    ...createAlbumLoaders(db),
    /** Active articles by id (an inactive one loads as null). */
    listingArticle: byId<ArticleRow>((ids) => findActiveArticlesByIds(db, ids)),
    movie: byId<MovieRow>((ids) => findMoviesByIds(db, ids)),
    /** Keyed `userId:storyId`: the story when that user may see it (see findVisibleStories), else null. */
    visibleStory: perUserValues<StoryRow | null>(async (userId, ids) => new Map((await findVisibleStories(db, userId, ids, new Date().toISOString())).map((row) => [row.id, row])), null),
  };
}
