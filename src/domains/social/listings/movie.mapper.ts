import type { Movie } from './movie.type';
import type { MovieRow } from './movie.row';

export function toMovie(row: MovieRow): Movie {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    genre: row.genre,
    country: row.country,
    stars: row.stars,
    producer: row.producer,
    releaseYear: row.release_year,
    duration: row.duration,
    quality: row.quality,
    cover: row.cover,
    source: row.source,
    viewCount: row.view_count,
    createdAt: new Date(row.created_at),
  };
}
