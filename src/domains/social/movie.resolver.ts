import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { MAX_CATALOG_PAGE } from './catalog.paging';
import { CreateMovieInput, MoviesFilter } from './movie.input';
import { toMovie } from './movie.mapper';
import { createMovie, listMoviesFor, requireMovie } from './movie.service';
import { Movie } from './movie.type';

@Resolver(() => Movie)
export class MovieResolver {
  @Query(() => Movie, { nullable: true })
  async movie(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Movie | null> {
    const row = await nullIfNotFound(requireMovie(ctx, id));
    return row ? toMovie(row) : null;
  }

  @Query(() => [Movie], { description: 'Movies newest first, by genre or country.' })
  async movies(
    @Ctx() ctx: Context,
    @Arg('filter', () => MoviesFilter, { nullable: true }) filter: MoviesFilter | null,
    @Arg('limit', () => Int, { defaultValue: 35, description: `At most ${MAX_CATALOG_PAGE}.` }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true, description: 'Movies with a lower id than this one (the next page).' }) beforeId: number | null,
  ): Promise<Movie[]> {
    return (await listMoviesFor(ctx, filter ?? {}, limit, beforeId)).map(toMovie);
  }

  @Authorized('ADMIN')
  @Mutation(() => Movie, { description: 'Adds a film to the catalogue (admins only).' })
  async createMovie(@Ctx() ctx: Context, @Arg('input', () => CreateMovieInput) input: CreateMovieInput): Promise<Movie> {
    return toMovie(await createMovie(ctx, input));
  }
}
