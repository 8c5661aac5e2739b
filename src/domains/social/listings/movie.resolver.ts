import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import type { Context } from '../../../graphql/context.types';
import { nullIfNotFound } from '../../../errors';
import { CreateMovieInput, MoviesFilter } from './movie.input';
import { toMovie } from './movie.mapper';
import { createMovie, listMoviesFor, requireMovie } from './movie.service';
import { Movie, MovieConnection } from './movie.type';

@Resolver(() => Movie)
export class MovieResolver {
  @Query(() => Movie, { nullable: true, description: 'The movie with this global id, or null if there is none.' })
  async movie(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Movie | null> {
    const row = await nullIfNotFound(requireMovie(ctx, fromGlobalId(id, 'Movie')));
    return row ? toMovie(row) : null;
  }

  @Query(() => MovieConnection, { description: 'Movies newest first, by genre or country; 20 a page by default.' })
  async movies(@Ctx() ctx: Context, @Arg('filter', () => MoviesFilter, { nullable: true }) filter: MoviesFilter | null, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Movie>> {
    const window = windowOf(args);
    return toConnection(await listMoviesFor(ctx, filter ?? {}, window), window, (row) => [row.id], toMovie);
  }

  @Authorized('ADMIN')
  @Mutation(() => Movie, { description: 'Adds a film to the catalogue (admins only).' })
  async createMovie(@Ctx() ctx: Context, @Arg('input', () => CreateMovieInput) input: CreateMovieInput): Promise<Movie> {
    return toMovie(await createMovie(ctx, input));
  }
}
