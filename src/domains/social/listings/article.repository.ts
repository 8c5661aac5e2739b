import type { Insertable, Kysely } from 'kysely';
import type { Articles, DB } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import type { ArticleRow } from './article.row';

type Db = Kysely<DB>;

/** Active articles by id (inactive ones are left out). */
export function findActiveArticlesByIds(db: Db, ids: readonly number[]): Promise<ArticleRow[]> {
  return db.selectFrom('articles').selectAll().where('id', 'in', ids).where('active', '=', 1).execute();
}

export function insertArticle(db: Db, values: Insertable<Articles>): Promise<ArticleRow> {
  return db.insertInto('articles').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface ArticleListQuery {
  authorId: number | null;
  category: number | null;
}

/** Active articles newest first (by id): one window. */
export function listArticles(db: Db, q: ArticleListQuery, window: Window): Promise<ArticleRow[]> {
  let query = db.selectFrom('articles').selectAll().where('active', '=', 1);
  if (q.authorId !== null) query = query.where('user_id', '=', q.authorId);
  if (q.category !== null) query = query.where('category', '=', q.category);
  return applyWindow(query, ['id'], 'desc', window).execute();
}
