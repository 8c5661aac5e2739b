import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { CreatePageInput, UpdatePageInput } from './page.input';
import { toPage } from './page.mapper';
import { findPageByName, listPages } from './page.repository';
import { createPage, likePage, updatePage } from './page.service';
import { Page } from './page.type';
import { listKey } from '../../graphql/batch';
import { checkPaging } from './place-rules';

@Resolver(() => Page)
export class PageResolver {
  @Query(() => Page, { nullable: true, description: 'One page by id or by name (case-insensitive).' })
  async page(
    @Ctx() ctx: Context,
    @Arg('id', () => Int, { nullable: true }) id: number | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
  ): Promise<Page | null> {
    if ((id == null) === (name == null)) throw new BadUserInputError('Give either id or name');
    const row = id != null ? await ctx.loaders.page.load(id) : await findPageByName(ctx.db, name!);
    return row ? toPage(row) : null;
  }

  @Query(() => [Page], { description: 'Pages newest first, of one owner or of everyone.' })
  async pages(
    @Ctx() ctx: Context,
    @Arg('ownerId', () => Int, { nullable: true }) ownerId: number | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<Page[]> {
    checkPaging(limit, offset);
    return (await listPages(ctx.db, { ownerId: ownerId ?? null, promoted: false, limit, offset })).map(toPage);
  }

  @Query(() => [Page], { description: 'Promoted pages, newest first.' })
  async promotedPages(@Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 10 }) limit: number): Promise<Page[]> {
    checkPaging(limit);
    return (await listPages(ctx.db, { ownerId: null, promoted: true, limit, offset: 0 })).map(toPage);
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

  @FieldResolver(() => String, { description: 'The page\'s address on the site: /<name>.' })
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
  async updatePage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => UpdatePageInput) input: UpdatePageInput): Promise<Page> {
    return toPage(await updatePage(ctx, id, input));
  }

  @Authorized()
  @Mutation(() => Page, { description: 'Likes (true) or unlikes (false) a page; without `like` it toggles. viewerLikes tells the result.' })
  async likePage(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('like', () => Boolean, { nullable: true }) like: boolean | null): Promise<Page> {
    return toPage((await likePage(ctx, id, like ?? null)).row);
  }
}

/** The pages of a user: those they like and those they own, through per-request loaders. */
@Resolver(() => User)
export class UserPagesResolver {
  @FieldResolver(() => [Page], { description: 'Pages the user likes, most recently liked first.' })
  async likedPages(@Root() user: User, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<Page[]> {
    checkPaging(limit);
    return (await ctx.loaders.likedPages.load(listKey(user.id, limit))).map(toPage);
  }

  @FieldResolver(() => [Page], { description: 'Pages the user owns, newest first.' })
  async ownedPages(@Root() user: User, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<Page[]> {
    checkPaging(limit);
    return (await ctx.loaders.ownedPages.load(listKey(user.id, limit))).map(toPage);
  }
}
