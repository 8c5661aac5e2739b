import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, NotFoundError } from '../../../errors';
import { requireViewer } from '../../shared/viewer.guard';
import type { ArticlesFilter, CreateArticleInput } from './article.input';
import type { ArticleRow } from './article.row';
import { insertArticle, listArticles } from './article.repository';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';
import { fromOptionalGlobalId } from '../../../graphql/node';

/** An active article by id, or NOT_FOUND. */
export async function requireArticle(ctx: Context, id: number): Promise<ArticleRow> {
  const row = await ctx.loaders.listingArticle.load(id);
  if (!row) throw new NotFoundError(`Article ${id} does not exist`);
  return row;
}

/** Publishes an article by the viewer; records `article.created`. */
export function createArticle(ctx: Context, input: CreateArticleInput): Promise<ArticleRow> {
  const viewer = requireViewer(ctx);
  const title = input.title.trim();
  if (title.length < 2) throw new BadUserInputError('title must be 2-200 characters', 'title');
  const thumbnail = input.thumbnail ? assertHttpUrl(input.thumbnail, 'thumbnail') : null;
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const row = await insertArticle(trx, {
      user_id: viewer.userId,
      title,
      description: input.description?.trim() ?? '',
      content: input.content,
      category: input.category,
      thumbnail,
      created_at: now,
      updated_at: now,
    });
    await record('article.created', { article: [row.id], user: [viewer.userId] }, viewer.userId);
    return row;
  });
}

/** Active articles newest first, by author and category: one window. */
export function listArticlesFor(ctx: Context, filter: ArticlesFilter, window: Window): Promise<ArticleRow[]> {
  return listArticles(ctx.db, { authorId: fromOptionalGlobalId(filter.authorId, 'User', 'authorId'), category: filter.category ?? null }, window);
}
