import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { nullIfNotFound } from '../../errors';
import { mapLoaded } from '../../graphql/batch';
import { fromGlobalId, fromOptionalGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { Board } from '../boards/board.type';
import { Tag } from '../tags/tag.type';
import { toUser, USER_PROJECTION } from '../users/user.mapper';
import { User } from '../users/user.type';
import { readablePost } from './content-access';
import { ApprovePostInput, CreatePostInput, PinPostInput, PostsFilter, ReactToPostInput, UpdatePostInput } from './content.input';
import { NESTED_LIMIT } from './content.loaders';
import { COMMENT_PROJECTION, POST_PROJECTION, toPost } from './content.mapper';
import { columnsFor } from '../../graphql/projection';
import { Comment, CommentConnection, Post, PostConnection } from './content.type';
import { preloadPosts } from './post.preload';
import { createPost, deletePost, listVisiblePosts, moderatePost, pinPost, type PostsQuery, recordPostView, updatePost, viewerFeed } from './post.service';
import { setReaction } from './reaction.service';
import { commentsOf } from './remark.list';
import { toBoard } from '../boards/board.mapper';
import { TAG_PROJECTION, toTag } from '../tags/tag.mapper';
import type { UserRow } from '../users/user.row';

/** The numbers a posts filter names. */
function postsQuery(filter: PostsFilter | null | undefined): PostsQuery {
  if (!filter) return {};
  return {
    boardId: fromOptionalGlobalId(filter.boardId, 'Board', 'filter.boardId'),
    authorId: fromOptionalGlobalId(filter.authorId, 'User', 'filter.authorId'),
    pageId: fromOptionalGlobalId(filter.pageId, 'Page', 'filter.pageId'),
    groupId: fromOptionalGlobalId(filter.groupId, 'Group', 'filter.groupId'),
    tag: filter.tag,
    status: filter.status,
  };
}

@Resolver(() => Post)
export class PostResolver {
  @Query(() => Post, { nullable: true, description: 'A post the viewer may read.' })
  async post(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Post | null> {
    const row = await nullIfNotFound(readablePost(ctx, fromGlobalId(id, 'Post')));
    return row ? toPost(row) : null;
  }

  @Query(() => PostConnection, { description: 'Posts the viewer may read, newest first, by board, author, page, group, tag or status (other statuses than ACTIVE for staff or your own posts).' })
  async posts(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => PostsFilter, { nullable: true }) filter?: PostsFilter,
  ): Promise<Connection<Post>> {
    const query = postsQuery(filter);
    const window = windowOf(args);
    const columns = columnsFor(info, POST_PROJECTION, 'connection');
    const rows = await listVisiblePosts(ctx, query, window, columns);
    for (const row of rows) ctx.loaders.post.prime(row.id, row, columns);
    await preloadPosts(ctx, info, rows.slice(0, window.size));
    return toConnection(rows, window, (row) => [row.id], toPost);
  }

  @Authorized()
  @Query(() => PostConnection, { description: "The viewer's timeline: their own and followed users' posts, newest first." })
  async feed(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs, @Info() info: GraphQLResolveInfo): Promise<Connection<Post>> {
    const window = windowOf(args);
    const rows = await viewerFeed(ctx, window, columnsFor(info, POST_PROJECTION, 'connection'));
    await preloadPosts(ctx, info, rows.slice(0, window.size));
    return toConnection(rows, window, (row) => [row.id], toPost);
  }

  @FieldResolver(() => User)
  author(@Root() post: Post, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): User | Promise<User> {
    return mapLoaded(ctx.loaders.user.read(post.authorId, columnsFor(info, USER_PROJECTION)), (row) => toUser(row!, ctx.viewer));
  }

  @FieldResolver(() => Board, { nullable: true })
  async board(@Root() post: Post, @Ctx() ctx: Context): Promise<Board | null> {
    if (post.boardId === null) return null;
    const row = await ctx.loaders.board.load(post.boardId);
    return row ? toBoard(row) : null;
  }

  @FieldResolver(() => [Tag], { description: "The post's tags by name (a post carries few: its hashtags and the ones staff mapped)." })
  tags(@Root() post: Post, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Tag[] | Promise<Tag[]> {
    return mapLoaded(ctx.loaders.tagsByRef.read({ ref: `POST:${post.id}`, columns: columnsFor(info, TAG_PROJECTION) }), (rows) => rows.map(toTag));
  }

  @FieldResolver(() => CommentConnection, { description: `The post's active comments, oldest first; ${NESTED_LIMIT} unless \`first\` says otherwise.` })
  comments(@Root() post: Post, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs, @Info() info: GraphQLResolveInfo): Connection<Comment> | Promise<Connection<Comment>> {
    return commentsOf(ctx, post.id, args, columnsFor(info, COMMENT_PROJECTION, 'connection'));
  }

  @FieldResolver(() => [User], { description: 'Users who reacted in a slot (1 like, 2 wonder/dislike), latest first, at most 100.' })
  async reactors(@Root() post: Post, @Ctx() ctx: Context, @Arg('slot', () => Int) slot: number): Promise<User[]> {
    const ids = await ctx.loaders.reactorIds.load(`POST:${post.id}:${slot}`);
    const rows = await ctx.loaders.user.loadMany(ids);
    return rows.filter((row): row is UserRow => row !== null && !(row instanceof Error)).map((row) => toUser(row, ctx.viewer));
  }

  @FieldResolver(() => Int, { nullable: true, description: "The viewer's reaction slot, if any." })
  async viewerReaction(@Root() post: Post, @Ctx() ctx: Context): Promise<number | null> {
    return ctx.viewer ? ctx.loaders.reactionSlot.load(`${ctx.viewer.userId}:POST:${post.id}`) : null;
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Creates a timeline post, or a board post when boardId is given (board rules apply).' })
  async createPost(@Ctx() ctx: Context, @Arg('input', () => CreatePostInput) input: CreatePostInput): Promise<Post> {
    const boardId = fromOptionalGlobalId(input.boardId, 'Board', 'boardId');
    return toPost(await createPost(ctx, { boardId, headline: input.headline, content: input.content, author: input.author }));
  }

  @Authorized()
  @Mutation(() => Post, { description: 'Edits a post: its author or staff.' })
  async updatePost(@Ctx() ctx: Context, @Arg('input', () => UpdatePostInput) input: UpdatePostInput): Promise<Post> {
    const postId = fromGlobalId(input.postId, 'Post', 'postId');
    const boardId = fromOptionalGlobalId(input.boardId, 'Board', 'boardId') ?? undefined;
    return toPost(await updatePost(ctx, postId, { boardId, headline: input.headline ?? undefined, content: input.content ?? undefined, author: input.author }));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes a post (its author or staff); answers its id.' })
  async deletePost(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<string> {
    await deletePost(ctx, fromGlobalId(postId, 'Post', 'postId'));
    return postId;
  }

  @Authorized('MODERATOR')
  @Mutation(() => Post, { description: 'Approves (or rejects) a post waiting for approval.' })
  async approvePost(@Ctx() ctx: Context, @Arg('input', () => ApprovePostInput) input: ApprovePostInput): Promise<Post> {
    return toPost(await moderatePost(ctx, fromGlobalId(input.postId, 'Post', 'postId'), input.approve));
  }

  @Authorized('MODERATOR')
  @Mutation(() => Post, { description: 'Pins or unpins a board post.' })
  async pinPost(@Ctx() ctx: Context, @Arg('input', () => PinPostInput) input: PinPostInput): Promise<Post> {
    return toPost(await pinPost(ctx, fromGlobalId(input.postId, 'Post', 'postId'), input.pinned));
  }

  @Mutation(() => Post, { description: 'Counts one read of a post and returns it.' })
  async recordPostView(@Ctx() ctx: Context, @Arg('postId', () => ID) postId: string): Promise<Post> {
    return toPost(await recordPostView(ctx, fromGlobalId(postId, 'Post', 'postId')));
  }

  @Authorized()
  @Mutation(() => Post, { description: "Sets the viewer's reaction to a post: slot 1-6, or none (null)." })
  async reactToPost(@Ctx() ctx: Context, @Arg('input', () => ReactToPostInput) input: ReactToPostInput): Promise<Post> {
    const id = fromGlobalId(input.postId, 'Post', 'postId');
    await setReaction(ctx, 'POST', id, input.slot ?? null);
    return toPost((await ctx.loaders.post.clear(id).load(id))!);
  }
}
