import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError } from '../../../errors';
import { fromGlobalId, fromOptionalGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreatePageInput, SetPageLikedInput, UpdatePageInput } from './page.input';
import { toPage } from './page.mapper';
import { createPage, findPage, pageList, setPageLiked, updatePage } from './page.service';
import { Page, PageConnection } from './page.type';
import { windowedListKey } from '../../../graphql/windowed-lists';

const byId = (row: { id: number }) => [row.id];

@Resolver(() => Page)
export class PageResolver {
  @Query(() => Page, { nullable: true, description: 'One page by id or by name (case-insensitive): give one of them.' })
  async page(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id: string | null, @Arg('name', () => String, { nullable: true }) name: string | null): Promise<Page | null> {
    if ((id == null) === (name == null)) throw new BadUserInputError('Give either id or name');
    const row = await findPage(ctx, id != null ? { id: fromGlobalId(id, 'Page') } : { name: name! });
    return row ? toPage(row) : null;
  }

  @Query(() => PageConnection, { description: 'Pages newest first, of one owner or of everyone; 20 a page by default.' })
  async pages(
    @Ctx() ctx: Context,
    @Arg('ownerId', () => ID, { nullable: true, description: "Only this user's pages." }) ownerId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Connection<Page>> {
    const owner = fromOptionalGlobalId(ownerId, 'User', 'ownerId');
    const window = windowOf(args);
    return toConnection(await pageList(ctx, { ownerId: owner, promoted: false }, window), window, byId, toPage);
  }

  @Query(() => PageConnection, { description: 'Promoted pages, newest first; 10 a page by default.' })
  async promotedPages(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Page>> {
    const window = windowOf(args, ['number'], 10);
    return toConnection(await pageList(ctx, { ownerId: null, promoted: true }, window), window, byId, toPage);
  }

  @FieldResolver(() => User)
  async owner(@Root() page: Page, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(page.ownerId))!, ctx.viewer);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer likes the page (false without a viewer).' })
  viewerLikes(@Root() page: Page, @Ctx() ctx: Context): Promise<boolean> | boolean {
    return ctx.viewer ? ctx.loaders.pageLiked.load(`${ctx.viewer.userId}:${page.id}`) : false;
  }

  @FieldResolver(() => Boolean)
  viewerIsOwner(@Root() page: Page, @Ctx() ctx: Context): boolean {
    return ctx.viewer?.userId === page.ownerId;
  }

  @FieldResolver(() => String, { description: "The page's address on the site: /<name>." })
  url(@Root() page: Page, @Ctx() ctx: Context): string {
    return `${ctx.config.publicUrl ?? ''}/${page.name}`;
  }

  @Authorized()
  @Mutation(() => Page, { description: 'Creates a page owned by the viewer.' })
  async createPage(@Ctx() ctx: Context, @Arg('input', () => CreatePageInput) input: CreatePageInput): Promise<Page> {
    return toPage(await createPage(ctx, input));
  }

  @Authorized()
  @Mutation(() => Page, { description: 'Changes a page (its owner, or an admin).' })
  async updatePage(@Ctx() ctx: Context, @Arg('input', () => UpdatePageInput) input: UpdatePageInput): Promise<Page> {
    return toPage(await updatePage(ctx, fromGlobalId(input.pageId, 'Page', 'pageId'), input));
  }

  @Authorized()
  @Mutation(() => Page, { description: 'Likes (liked: true) or unlikes a page for the viewer; viewerLikes and likeCount tell the result.' })
  async setPageLiked(@Ctx() ctx: Context, @Arg('input', () => SetPageLikedInput) input: SetPageLikedInput): Promise<Page> {
    return toPage((await setPageLiked(ctx, fromGlobalId(input.pageId, 'Page', 'pageId'), input.liked)).row);
  }
}

/** The pages of a user: those they like and those they own, through per-request loaders. */
@Resolver(() => User)
export class UserPagesResolver {
  @FieldResolver(() => PageConnection, { description: 'Pages the user likes, most recently liked first; 20 a page by default.' })
  async likedPages(@Root() user: User, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Page>> {
    const window = windowOf(args, ['string', 'number']);
    const rows = await ctx.loaders.likedPages.load(windowedListKey(user.id, window));
    return toConnection(rows, window, (row) => [row.liked_at!, row.id], toPage);
  }

  @FieldResolver(() => PageConnection, { description: 'Pages the user owns, newest first; 20 a page by default.' })
  async ownedPages(@Root() user: User, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Page>> {
    const window = windowOf(args);
    return toConnection(await ctx.loaders.ownedPages.load(windowedListKey(user.id, window)), window, byId, toPage);
  }
}
