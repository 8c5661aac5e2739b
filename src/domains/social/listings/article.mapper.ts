import type { Article } from './article.type';
import type { ArticleRow } from './article.row';

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
