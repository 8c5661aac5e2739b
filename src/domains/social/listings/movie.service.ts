import type { Context } from '../../../graphql/context.types';
import { NotFoundError } from '../../../errors';
import { requireAdmin } from '../../users/user.service';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';
import type { CreateMovieInput, MoviesFilter } from './movie.input';
import type { MovieRow } from './movie.row';
import { insertMovie, listMovies } from './movie.repository';
import { optionalText } from '../text.rules';

export async function requireMovie(ctx: Context, id: number): Promise<MovieRow> {
  const row = await ctx.loaders.movie.load(id);
  if (!row) throw new NotFoundError(`Movie ${id} does not exist`);
  return row;
}

/** Adds a film to the catalogue (admins only); records `movie.created`. */
export function createMovie(ctx: Context, input: CreateMovieInput): Promise<MovieRow> {
  const viewer = requireAdmin(ctx);
  const cover = input.cover ? assertHttpUrl(input.cover, 'cover') : null;
  const source = input.source ? assertHttpUrl(input.source, 'source') : null;
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const row = await insertMovie(trx, {
      name: input.name.trim(),
      description: input.description?.trim() ?? '',
      genre: input.genre.trim(),
      country: input.country.trim(),
      stars: optionalText(input.stars),
      producer: optionalText(input.producer),
      release_year: input.releaseYear ?? null,
      duration: input.duration ?? null,
      quality: optionalText(input.quality),
      cover,
      source,
      created_at: new Date().toISOString(),
    });
    await record('movie.created', { movie: [row.id] }, viewer.userId);
    return row;
  });
}

/** Movies newest first, by genre and country: one window. */
export function listMoviesFor(ctx: Context, filter: MoviesFilter, window: Window): Promise<MovieRow[]> {
  return listMovies(ctx.db, { genre: optionalText(filter.genre), country: optionalText(filter.country) }, window);
}
