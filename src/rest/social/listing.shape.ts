import type { SocialAlbumFragment, SocialArticleFragment, SocialMovieFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The article, album and movie fields the social operations select. */
export const SOCIAL_ARTICLE_FIELDS = /* GraphQL */ `
  fragment SocialArticle on Article {
    id: databaseId authorId: authorDatabaseId title description content category thumbnail viewCount createdAt
    author { ...SocialUser }
  }
`;

export const SOCIAL_ALBUM_FIELDS = /* GraphQL */ `
  fragment SocialAlbum on Album {
    id: databaseId ownerId: ownerDatabaseId name createdAt
    media { id: databaseId albumId: albumDatabaseId url }
    owner { ...SocialUser }
  }
`;

export const SOCIAL_MOVIE_FIELDS = /* GraphQL */ `
  fragment SocialMovie on Movie {
    id: databaseId name description genre country stars producer releaseYear duration quality cover source viewCount createdAt
  }
`;

/** An article as the social API's blog shows one: numbers as strings, the writer as `author`. */
export function socialArticle(article: SocialArticleFragment): Record<string, unknown> {
  return {
    id: String(article.id),
    user: String(article.authorId),
    title: article.title,
    description: article.description,
    content: article.content,
    category: String(article.category),
    thumbnail: article.thumbnail ?? '',
    view: String(article.viewCount),
    posted: unixTime(article.createdAt),
    author: socialUser(article.author),
  };
}

/** An album as the social API shows one: WoWonder's `album_name` and `photo_album` (its photos as `image`). */
export function socialAlbum(album: SocialAlbumFragment): Record<string, unknown> {
  return {
    id: String(album.id),
    user_id: String(album.ownerId),
    album_name: album.name,
    time: unixTime(album.createdAt),
    photo_count: String(album.media.length),
    photo_album: album.media.map((m) => ({ id: String(m.id), album_id: String(m.albumId), image: m.url })),
    user_data: socialUser(album.owner),
  };
}

/** A movie as the social API shows one: WoWonder's keys (`release`, `views`), numbers as strings, missing text as "". */
export function socialMovie(movie: SocialMovieFragment): Record<string, unknown> {
  return {
    id: String(movie.id),
    name: movie.name,
    description: movie.description,
    genre: movie.genre,
    country: movie.country,
    stars: movie.stars ?? '',
    producer: movie.producer ?? '',
    release: String(movie.releaseYear ?? ''),
    duration: String(movie.duration ?? 0),
    quality: movie.quality ?? '',
    cover: movie.cover ?? '',
    source: movie.source ?? '',
    views: String(movie.viewCount),
    time: unixTime(movie.createdAt),
  };
}
