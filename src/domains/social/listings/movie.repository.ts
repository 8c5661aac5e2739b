import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, Movies } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import type { MovieRow } from './movie.row';

type Db = Kysely<DB>;

export function findMoviesByIds(db: Db, ids: readonly number[]): Promise<MovieRow[]> {
  return db.selectFrom('movies').selectAll().where('id', 'in', ids).execute();
}

export function insertMovie(db: Db, values: Insertable<Movies>): Promise<MovieRow> {
  return db.insertInto('movies').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface MovieListQuery {
  genre: string | null;
  country: string | null;
}

/** Movies newest first (by id), one window; genre and country match in any case. */
export function listMovies(db: Db, q: MovieListQuery, window: Window): Promise<MovieRow[]> {
  let query = db.selectFrom('movies').selectAll();
  if (q.genre !== null) query = query.where(sql<string>`lower(genre)`, '=', q.genre.toLowerCase());
  if (q.country !== null) query = query.where(sql<string>`lower(country)`, '=', q.country.toLowerCase());
  return applyWindow(query, ['id'], 'desc', window).execute();
}
