import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import type { Context } from '../../../graphql/context.types';
import { nullIfNotFound } from '../../../errors';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { ArticlesFilter, CreateArticleInput } from './article.input';
import { toArticle } from './article.mapper';
import { createArticle, listArticlesFor, requireArticle } from './article.service';
import { Article, ArticleConnection } from './article.type';

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: 'The article with this global id, or null if there is none.' })
  async article(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Article | null> {
    const row = await nullIfNotFound(requireArticle(ctx, fromGlobalId(id, 'Article')));
    return row ? toArticle(row) : null;
  }

  @Query(() => ArticleConnection, { description: 'Articles newest first, by author or category; 20 a page by default.' })
  async articles(
    @Ctx() ctx: Context,
    @Arg('filter', () => ArticlesFilter, { nullable: true }) filter: ArticlesFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Connection<Article>> {
    const window = windowOf(args);
    return toConnection(await listArticlesFor(ctx, filter ?? {}, window), window, (row) => [row.id], toArticle);
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
