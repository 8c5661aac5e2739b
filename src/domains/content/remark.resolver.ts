import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { mapLoaded } from '../../graphql/batch';
import { columnsFor } from '../../graphql/projection';
import type { Context } from '../../graphql/context.types';
import { nullIfNotFound } from '../../errors';
import { fromGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs } from '../../graphql/connection';
import { Tag } from '../tags/tag.type';
import { toUser, USER_PROJECTION } from '../users/user.mapper';
import { User } from '../users/user.type';
import { CreateCommentInput, CreateReplyInput, ReactToCommentInput, ReactToReplyInput, UpdateCommentInput, UpdateReplyInput } from './content.input';
import { NESTED_LIMIT } from './content.loaders';
import { COMMENT_PROJECTION, POST_PROJECTION, REPLY_PROJECTION, toComment, toPost, toReply } from './content.mapper';
import { Comment, Post, Remark, Reply, ReplyConnection } from './content.type';
import { setReaction } from './reaction.service';
import { repliesOf } from './remark.list';
import { createRemark, deleteRemark, readableRemark, updateRemark } from './remark.service';
import { TAG_PROJECTION, toTag } from '../tags/tag.mapper';

/** The fields every Remark (comment or reply) resolves alike. */
@Resolver(() => Remark)
export class RemarkResolver {
  @FieldResolver(() => User)
  author(@Root() remark: Remark, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): User | Promise<User> {
    return mapLoaded(ctx.loaders.user.read(remark.authorId, columnsFor(info, USER_PROJECTION)), (row) => toUser(row!, ctx.viewer));
  }

  @FieldResolver(() => Post, { description: "The post answered (for a reply, its comment's post)." })
  async post(@Root() remark: Remark, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Post> {
    return toPost((await ctx.loaders.post.load(remark.postId, columnsFor(info, POST_PROJECTION)))!);
  }

  @FieldResolver(() => [Tag], { description: 'Its tags by name (its hashtags and the ones staff mapped: a few).' })
  async tags(@Root() remark: Remark, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Tag[]> {
    const kind = (remark as Partial<Reply>).commentId !== undefined ? 'REPLY' : 'COMMENT';
    return (await ctx.loaders.tagsByRef.load({ ref: `${kind}:${remark.id}`, columns: columnsFor(info, TAG_PROJECTION) })).map(toTag);
  }
}

@Resolver(() => Comment)
export class CommentResolver {
  @Query(() => Comment, { nullable: true, description: 'A comment the viewer may read (its post is readable).' })
  async comment(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Comment | null> {
    const row = await nullIfNotFound(readableRemark(ctx, 'COMMENT', fromGlobalId(id, 'Comment')));
    return row ? toComment(row) : null;
  }

  @FieldResolver(() => ReplyConnection, { description: `The comment's active replies, oldest first; ${NESTED_LIMIT} unless \`first\` says otherwise.` })
  replies(@Root() comment: Comment, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs, @Info() info: GraphQLResolveInfo): Connection<Reply> | Promise<Connection<Reply>> {
    return repliesOf(ctx, comment.id, args, columnsFor(info, REPLY_PROJECTION, 'connection'));
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Comments on a post.' })
  async createComment(@Ctx() ctx: Context, @Arg('input', () => CreateCommentInput) input: CreateCommentInput): Promise<Comment> {
    const postId = fromGlobalId(input.postId, 'Post', 'postId');
    return toComment(await createRemark(ctx, 'COMMENT', { parentId: postId, content: input.content, author: input.author }));
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Edits a comment: its author or staff.' })
  async updateComment(@Ctx() ctx: Context, @Arg('input', () => UpdateCommentInput) input: UpdateCommentInput): Promise<Comment> {
    return toComment(await updateRemark(ctx, 'COMMENT', fromGlobalId(input.commentId, 'Comment', 'commentId'), input.content));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes a comment (its author or staff); answers its id.' })
  async deleteComment(@Ctx() ctx: Context, @Arg('commentId', () => ID) commentId: string): Promise<string> {
    await deleteRemark(ctx, 'COMMENT', fromGlobalId(commentId, 'Comment', 'commentId'));
    return commentId;
  }

  @Authorized()
  @Mutation(() => Comment, { description: "Sets the viewer's reaction to a comment: slot 1-6, or none (null)." })
  async reactToComment(@Ctx() ctx: Context, @Arg('input', () => ReactToCommentInput) input: ReactToCommentInput): Promise<Comment> {
    const id = fromGlobalId(input.commentId, 'Comment', 'commentId');
    await setReaction(ctx, 'COMMENT', id, input.slot ?? null);
    return toComment((await ctx.loaders.comment.clear(id).load(id))!);
  }
}

@Resolver(() => Reply)
export class ReplyResolver {
  @Query(() => Reply, { nullable: true, description: 'A reply the viewer may read (its post is readable).' })
  async reply(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Reply | null> {
    const row = await nullIfNotFound(readableRemark(ctx, 'REPLY', fromGlobalId(id, 'Reply')));
    return row ? toReply(row) : null;
  }

  @FieldResolver(() => Comment, { description: 'The comment answered.' })
  async comment(@Root() reply: Reply, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Comment> {
    return toComment((await ctx.loaders.comment.load(reply.commentId, columnsFor(info, COMMENT_PROJECTION)))!);
  }

  @Authorized()
  @Mutation(() => Reply, { description: 'Replies to a comment.' })
  async createReply(@Ctx() ctx: Context, @Arg('input', () => CreateReplyInput) input: CreateReplyInput): Promise<Reply> {
    const commentId = fromGlobalId(input.commentId, 'Comment', 'commentId');
    return toReply(await createRemark(ctx, 'REPLY', { parentId: commentId, content: input.content, author: input.author }));
  }

  @Authorized()
  @Mutation(() => Reply, { description: 'Edits a reply: its author or staff.' })
  async updateReply(@Ctx() ctx: Context, @Arg('input', () => UpdateReplyInput) input: UpdateReplyInput): Promise<Reply> {
    return toReply(await updateRemark(ctx, 'REPLY', fromGlobalId(input.replyId, 'Reply', 'replyId'), input.content));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Deletes a reply (its author or staff); answers its id.' })
  async deleteReply(@Ctx() ctx: Context, @Arg('replyId', () => ID) replyId: string): Promise<string> {
    await deleteRemark(ctx, 'REPLY', fromGlobalId(replyId, 'Reply', 'replyId'));
    return replyId;
  }

  @Authorized()
  @Mutation(() => Reply, { description: "Sets the viewer's reaction to a reply: slot 1-6, or none (null)." })
  async reactToReply(@Ctx() ctx: Context, @Arg('input', () => ReactToReplyInput) input: ReactToReplyInput): Promise<Reply> {
    const id = fromGlobalId(input.replyId, 'Reply', 'replyId');
    await setReaction(ctx, 'REPLY', id, input.slot ?? null);
    return toReply((await ctx.loaders.reply.clear(id).load(id))!);
  }
}
