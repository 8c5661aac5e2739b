import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { ArticlesFilter, CreateArticleInput } from './article.input';
import { toArticle } from './article.mapper';
import { createArticle, listArticlesFor, requireArticle } from './article.service';
import { Article } from './article.type';
import { MAX_CATALOG_PAGE } from './catalog.paging';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true })
  async article(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Article | null> {
    const row = await nullIfNotFound(requireArticle(ctx, id));
    return row ? toArticle(row) : null;
  }

  @Query(() => [Article], { description: 'Articles newest first, by author or category.' })
  async articles(
    @Ctx() ctx: Context,
    @Arg('filter', () => ArticlesFilter, { nullable: true }) filter: ArticlesFilter | null,
    @Arg('limit', () => Int, { defaultValue: 25, description: `At most ${MAX_CATALOG_PAGE}.` }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true, description: 'Articles with a lower id than this one (the next page).' }) beforeId: number | null,
  ): Promise<Article[]> {
    return (await listArticlesFor(ctx, filter ?? {}, limit, beforeId)).map(toArticle);
  }

  @FieldResolver(() => User)
  async author(@Root() article: Article, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(article.authorId))!, ctx.viewer);
  }

  @Authorized()
  @Mutation(() => Article, { description: 'Publishes an article by the viewer.' })
  async createArticle(@Ctx() ctx: Context, @Arg('input', () => CreateArticleInput) input: CreateArticleInput): Promise<Article> {
    return toArticle(await createArticle(ctx, input));
  }
}
