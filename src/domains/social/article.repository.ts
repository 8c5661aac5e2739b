import type { Insertable, Kysely } from 'kysely';
import type { Articles, DB } from '../../db/schema';
import type { ArticleRow } from './article.mapper';

type Db = Kysely<DB>;

export function findActiveArticle(db: Db, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

export function insertArticle(db: Db, values: Insertable<Articles>): Promise<ArticleRow> {
  return db.insertInto('articles').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface ArticleListQuery {
  authorId: number | null;
  category: number | null;
  beforeId: number | null;
  limit: number;
}

/** Active articles newest first. */
export function listArticles(db: Db, q: ArticleListQuery): Promise<ArticleRow[]> {
  let query = db.selectFrom('articles').selectAll().where('active', '=', 1);
  if (q.authorId !== null) query = query.where('user_id', '=', q.authorId);
  if (q.category !== null) query = query.where('category', '=', q.category);
  if (q.beforeId !== null) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}
