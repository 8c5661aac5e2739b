import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, Movies } from '../../db/schema';
import type { MovieRow } from './movie.mapper';

type Db = Kysely<DB>;

export function findMovie(db: Db, id: number): Promise<MovieRow | undefined> {
  return db.selectFrom('movies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertMovie(db: Db, values: Insertable<Movies>): Promise<MovieRow> {
  return db.insertInto('movies').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface MovieListQuery {
  genre: string | null;
  country: string | null;
  beforeId: number | null;
  limit: number;
}

/** Movies newest first; genre and country match in any case. */
export function listMovies(db: Db, q: MovieListQuery): Promise<MovieRow[]> {
  let query = db.selectFrom('movies').selectAll();
  if (q.genre !== null) query = query.where(sql<string>`lower(genre)`, '=', q.genre.toLowerCase());
  if (q.country !== null) query = query.where(sql<string>`lower(country)`, '=', q.country.toLowerCase());
  if (q.beforeId !== null) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
