import type { Selectable } from 'kysely';
import type { Articles } from '../../../db/schema';
import type { Article } from './article.type';

export type ArticleRow = Selectable<Articles>;

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    authorId: row.user_id,
    title: row.title,
    description: row.description,
    content: row.content,
    category: row.category,
    thumbnail: row.thumbnail,
    viewCount: row.view_count,
    createdAt: new Date(row.created_at),
  };
}
