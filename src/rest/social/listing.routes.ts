import type { SocialArticleQuery, SocialArticlesQuery, SocialMovieQuery, SocialMoviesQuery, SocialUserAlbumsQuery } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/node';
import { LegacyError, type LegacyRoute } from '../route';
import { afterParam, limitParam } from './listing.input';
import { SOCIAL_ALBUM_FIELDS, SOCIAL_ARTICLE_FIELDS, SOCIAL_MOVIE_FIELDS, socialAlbum, socialArticle, socialMovie } from './listing.shape';
import { ok } from './envelope';
import { socialEventRoutes } from './event.routes';
import { socialProductRoutes } from './product.routes';
import { socialStoryRoutes } from './story.routes';
import { SOCIAL_USER_FIELDS, userGlobalId } from './user.shape';

const AFTER_OFFSET = 'offset pages newest first: the next page is the rows that come after the offset id in that order (lower ids), like the other lists\' "before".';

const articleRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/get-articles',
    summary: "Get the latest articles, a user's, a category's, or one by id",
    auth: 'user',
    params: [
      { name: 'limit', type: 'integer', description: 'Default: 25, at most 100' },
      { name: 'offset', type: 'integer', description: 'Articles after this article id (newest first)' },
      { name: 'user_id', type: 'integer' },
      { name: 'category', type: 'integer' },
      { name: 'article_id', type: 'integer', description: 'Only this article' },
    ],
    operation: /* GraphQL */ `
      query SocialArticles($filter: ArticlesFilter!, $limit: Int!, $after: String) {
        articles(filter: $filter, first: $limit, after: $after) { nodes { ...SocialArticle } }
      }
      query SocialArticle($id: ID!) { article(id: $id) { ...SocialArticle } }
      ${SOCIAL_ARTICLE_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    operationName: ({ values }) => (values.article_id !== undefined ? 'SocialArticle' : 'SocialArticles'),
    variables: ({ values: v }) =>
      v.article_id !== undefined
        ? { id: toGlobalId('Article', v.article_id as number) }
        : {
            filter: { authorId: v.user_id == null ? null : toGlobalId('User', v.user_id as number), category: v.category ?? null },
            limit: limitParam(v, 25),
            after: afterParam(v, 'offset'),
          },
    respond: (data: Partial<SocialArticlesQuery & SocialArticleQuery>) => {
      if (data.articles) return ok({ articles: data.articles.nodes.map(socialArticle) });
      if (!data.article) throw new LegacyError(ErrorCode.NotFound, 'Article not found');
      return ok({ articles: [socialArticle(data.article)] });
    },
    note: `${AFTER_OFFSET} article_id answers a list of that one article (an error when there is none). Keys: id, user, title, description, content, category, thumbnail, view, posted, author.`,
  },
];

const albumRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/get-user-albums',
    summary: "Get a user's albums with their photos",
    auth: 'user',
    params: [
      { name: 'user_id', type: 'integer', required: true },
      { name: 'limit', type: 'integer', description: 'Default: 35, at most 100' },
      { name: 'offset', type: 'integer', description: 'Albums before this album id' },
    ],
    operation: /* GraphQL */ `
      query SocialUserAlbums($user: ID!, $limit: Int!, $after: String) {
        user(id: $user) { id: databaseId }
        albums(userId: $user, first: $limit, after: $after) { nodes { ...SocialAlbum } }
      }
      ${SOCIAL_ALBUM_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values: v }) => ({ user: userGlobalId(v.user_id), limit: limitParam(v, 35), after: afterParam(v, 'offset') }),
    respond: (data: SocialUserAlbumsQuery) => {
      if (!data.user) throw new LegacyError(ErrorCode.NotFound, 'User not found');
      return ok({ albums: data.albums.nodes.map(socialAlbum) });
    },
    note: 'albums is a list (the document shows {..}), newest first, each with id, user_id, album_name, time, photo_count, photo_album [{id, album_id, image}] and user_data.',
  },
];

const movieRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/get-movies',
    summary: 'Get the latest movies, by genre or country, or one by id',
    auth: 'user',
    params: [
      { name: 'limit', type: 'integer', description: 'Default: 35, at most 100' },
      { name: 'id', type: 'integer', description: 'Only this movie' },
      { name: 'offset', type: 'integer', description: 'Movies after this movie id (newest first)' },
      { name: 'genre', type: 'string' },
      { name: 'country', type: 'string' },
    ],
    operation: /* GraphQL */ `
      query SocialMovies($filter: MoviesFilter!, $limit: Int!, $after: String) {
        movies(filter: $filter, first: $limit, after: $after) { nodes { ...SocialMovie } }
      }
      query SocialMovie($id: ID!) { movie(id: $id) { ...SocialMovie } }
      ${SOCIAL_MOVIE_FIELDS}
    `,
    operationName: ({ values }) => (values.id !== undefined ? 'SocialMovie' : 'SocialMovies'),
    variables: ({ values: v }) =>
      v.id !== undefined ? { id: toGlobalId('Movie', v.id as number) } : { filter: { genre: v.genre ?? null, country: v.country ?? null }, limit: limitParam(v, 35), after: afterParam(v, 'offset') },
    respond: (data: Partial<SocialMoviesQuery & SocialMovieQuery>) => {
      if (data.movies) return ok({ movies: data.movies.nodes.map(socialMovie) });
      if (!data.movie) throw new LegacyError(ErrorCode.NotFound, 'Movie not found');
      return ok({ movies: [socialMovie(data.movie)] });
    },
    note: `${AFTER_OFFSET} limit defaults to 35 (the document gives none); genre and country match in any case; id: databaseId answers a list of that one movie (an error when there is none). Keys: id, name, description, genre, country, stars, producer, release, duration, quality, cover, source, views, time.`,
  },
];

/** The social API's events, products, stories, articles, albums and movies endpoints. */
export const socialListingRoutes: LegacyRoute[] = [...socialEventRoutes, ...socialProductRoutes, ...socialStoryRoutes, ...articleRoutes, ...albumRoutes, ...movieRoutes];
