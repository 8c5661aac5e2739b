import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { listKey } from '../../graphql/batch';
import type { Context } from '../../graphql/context';
import { BadUserInputError, nullIfNotFound } from '../../graphql/errors';
import { Board, toBoard } from '../boards/board.type';
import { Tag, toTag } from '../tags/tag.type';
import { toUser, type UserRow } from '../users/user.mapper';
import { MAX_PAGE_SIZE } from '../users/user.resolver';
import { User } from '../users/user.type';
import { readablePost } from './content-access';
import { CreatePostInput, PostsFilter, UpdatePostInput } from './content.input';
import { NESTED_LIMIT } from './content.loaders';
import { toComment, toPost } from './content.mapper';
import { Comment, Post, PostPage } from './content.type';
import { listFeed } from './post.repository';
import { createPost, deletePost, listVisiblePosts, moderatePost, pinPost, recordPostView, updatePost } from './post.service';
import { react } from './reaction.service';
import { requireViewer } from '../users/user.service';

/** The largest page of posts a GraphQL client may ask for (the community shim keeps its own 50). */
export const MAX_POST_PAGE = 100;

/** Checks page arguments (page from 1, size clamped to `max`, 50 unless given) and turns them into limit and offset. */
export function paging(page: number, pageSize: number, max = MAX_PAGE_SIZE): { limit: number; offset: number } {
  if (page < 1) throw new BadUserInputError('page starts at 1', 'page');
  if (pageSize < 1) throw new BadUserInputError('pageSize must be at least 1', 'pageSize');
  const limit = Math.min(pageSize, max);
  return { limit, offset: (page - 1) * limit };
}

@Resolver(() => Post)
export class PostResolver {
  @Query(() => Post, { nullable: true, description: 'A post the viewer may read.' })
  async post(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Post | null> {
    const row = await nullIfNotFound(readablePost(ctx, id));
    return row ? toPost(row) : null;
  }

  @Query(() => PostPage, { description: 'Posts newest first, by board, author, tag or status (other statuses than 15 for staff or your own posts).' })
  async posts(
    @Ctx() ctx: Context,
    @Arg('filter', () => PostsFilter, { nullable: true }) filter?: PostsFilter,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10, description: `At most ${MAX_POST_PAGE}.` }) pageSize = 10,
  ): Promise<PostPage> {
    const { limit, offset } = paging(page, pageSize, MAX_POST_PAGE);
    const rows = await listVisiblePosts(ctx, filter ?? {}, limit, offset);
    for (const row of rows) ctx.loaders.post.prime(row.id, row);
    return { items: rows.slice(0, limit).map(toPost), hasMore: rows.length > limit };
  }

  @Authorized()
  @Query(() => PostPage, { description: 'The viewer\'s timeline: their own and followed users\' posts, newest first.' })
  async feed(
    @Ctx() ctx: Context,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<PostPage> {
    const { limit, offset } = paging(page, pageSize);
    const rows = await listFeed(ctx.db, requireViewer(ctx).userId, limit, offset);
    return { items: rows.slice(0, limit).map(toPost), hasMore: rows.length > limit };
  }

  @FieldResolver(() => User)
  async author(@Root() post: Post, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(post.authorId))!, ctx.viewer);
  }

  @FieldResolver(() => Board, { nullable: true })
  async board(@Root() post: Post, @Ctx() ctx: Context): Promise<Board | null> {
    if (post.boardId === null) return null;
    const row = await ctx.loaders.board.load(post.boardId);
    return row ? toBoard(row) : null;
  }

  @FieldResolver(() => [Tag])
  async tags(@Root() post: Post, @Ctx() ctx: Context): Promise<Tag[]> {
    return (await ctx.loaders.tagsByRef.load(`POST:${post.id}`)).map(toTag);
  }

  @FieldResolver(() => [Comment], { description: `The first active comments, oldest first: \`first\` of them, 1 to ${NESTED_LIMIT}.` })
  async comments(
    @Root() post: Post,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: NESTED_LIMIT }) first: number,
  ): Promise<Comment[]> {
    if (first < 1 || first > NESTED_LIMIT) throw new BadUserInputError(`first must be between 1 and ${NESTED_LIMIT}`, 'first');
    return (await ctx.loaders.commentsByPost.load(listKey(post.id, first))).map(toComment);
  }

  @FieldResolver(() => [User], { description: 'Users who reacted in a slot (1 like, 2 wonder/dislike), latest first, at most 100.' })
  async reactors(@Root() post: Post, @Ctx() ctx: Context, @Arg('slot', () => Int) slot: number): Promise<User[]> {
    const ids = await ctx.loaders.reactorIds.load(`POST:${post.id}:${slot}`);
    const rows = await ctx.loaders.user.loadMany(ids);
    return rows.filter((row): row is UserRow => row !== null && !(row instanceof Error)).map((row) => toUser(row, ctx.viewer));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The viewer\'s reaction slot, if any.' })
  async viewerReaction(@Root() post: Post, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.viewer ? ctx.loaders.reactionSlot.load(`${ctx.viewer.userId}:POST:${post.id}`) : null;
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Creates a timeline post, or a board post when boardId is given (board rules apply).' })
  async createPost(@Ctx() ctx: Context, @Arg('input', () => CreatePostInput) input: CreatePostInput): Promise<Post> {
    return toPost(await createPost(ctx, input));
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Edits a post: its author or staff.' })
  async updatePost(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => UpdatePostInput) input: UpdatePostInput): Promise<Post> {
    return toPost(await updatePost(ctx, id, input));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a post: its author or staff.' })
  deletePost(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deletePost(ctx, id);
  }

  @Authorized('MODERATOR')
  @Mutation(() => Post, { description: 'Approves (or rejects) a post waiting for approval.' })
  async approvePost(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('approve', { defaultValue: true }) approve: boolean): Promise<Post> {
    return toPost(await moderatePost(ctx, id, approve));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Post, { description: 'Pins or unpins a board post.' })
  async pinPost(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('pinned', { defaultValue: true }) pinned: boolean): Promise<Post> {
    return toPost(await pinPost(ctx, id, pinned));
  }

  @Mutation(() => Post, { description: 'Counts one read of a post and returns it.' })
  async recordPostView(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Post> {
    return toPost(await recordPostView(ctx, id));
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Reacts in slot 1-6 (1 like, 2 wonder/dislike); the same slot again takes it back.' })
  async reactToPost(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('slot', () => Int) slot: number): Promise<Post> {
    await react(ctx, 'POST', id, slot);
    return toPost((await ctx.loaders.post.clear(id).load(id))!);
  }
}
