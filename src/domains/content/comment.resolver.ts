import { Length } from 'class-validator';
import { Arg, ArgsType, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { Tag, toTag } from '../tags/tag.type';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { createComment, createReply, deleteComment, deleteReply, readableComment, readableReply, updateComment, updateReply } from './comment.service';
import { CreateCommentInput, CreateReplyInput } from './content.input';
import { toComment, toPost, toReply } from './content.mapper';
import { Comment, Post, Reply } from './content.type';
import { react } from './reaction.service';

@ArgsType()
class EditArgs {
  @Field(() => Int) id!: number;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
}

@Resolver(() => Comment)
export class CommentResolver {
  @Query(() => Comment, { nullable: true })
  async comment(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Comment | null> {
    const row = await nullIfNotFound(readableComment(ctx, id));
    return row ? toComment(row) : null;
  }

  @FieldResolver(() => User)
  async author(@Root() comment: Comment, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(comment.authorId))!, ctx.viewer);
  }

  @FieldResolver(() => Post)
  async post(@Root() comment: Comment, @Ctx() ctx: Context): Promise<Post> {
    return toPost((await ctx.loaders.post.load(comment.postId))!);
  }

  @FieldResolver(() => [Reply], { description: 'The first 20 active replies, oldest first.' })
  async replies(@Root() comment: Comment, @Ctx() ctx: Context): Promise<Reply[]> {
    return (await ctx.loaders.repliesByComment.load(comment.id)).map(toReply);
  }

  @FieldResolver(() => [Tag])
  async tags(@Root() comment: Comment, @Ctx() ctx: Context): Promise<Tag[]> {
    return (await ctx.loaders.tagsByRef.load(`COMMENT:${comment.id}`)).map(toTag);
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Comments on a post.' })
  async createComment(@Ctx() ctx: Context, @Arg('input', () => CreateCommentInput) input: CreateCommentInput): Promise<Comment> {
    return toComment(await createComment(ctx, input));
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Edits a comment: its author or staff.' })
  async updateComment(@Ctx() ctx: Context, @Args(() => EditArgs) { id, content }: EditArgs): Promise<Comment> {
    return toComment(await updateComment(ctx, id, content));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a comment: its author or staff.' })
  deleteComment(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deleteComment(ctx, id);
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Reacts to a comment in slot 1-6; the same slot again takes it back.' })
  async reactToComment(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('slot', () => Int) slot: number): Promise<Comment> {
    await react(ctx, 'COMMENT', id, slot);
    return toComment((await ctx.loaders.comment.clear(id).load(id))!);
  }
}

@Resolver(() => Reply)
export class ReplyResolver {
  @Query(() => Reply, { nullable: true })
  async reply(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Reply | null> {
    const row = await nullIfNotFound(readableReply(ctx, id));
    return row ? toReply(row) : null;
  }

  @FieldResolver(() => User)
  async author(@Root() reply: Reply, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(reply.authorId))!, ctx.viewer);
  }

  @Authorized()
  @Mutation(() => Reply, { description: 'Replies to a comment.' })
  async createReply(@Ctx() ctx: Context, @Arg('input', () => CreateReplyInput) input: CreateReplyInput): Promise<Reply> {
    return toReply(await createReply(ctx, input));
  }

  @Authorized()
  @Mutation(() => Reply, { description: 'Edits a reply: its author or staff.' })
  async updateReply(@Ctx() ctx: Context, @Args(() => EditArgs) { id, content }: EditArgs): Promise<Reply> {
    return toReply(await updateReply(ctx, id, content));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a reply: its author or staff.' })
  deleteReply(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deleteReply(ctx, id);
  }

  @Authorized()
  @Mutation(() => Reply, { description: 'Reacts to a reply in slot 1-6; the same slot again takes it back.' })
  async reactToReply(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('slot', () => Int) slot: number): Promise<Reply> {
    await react(ctx, 'REPLY', id, slot);
    return toReply((await ctx.loaders.reply.clear(id).load(id))!);
  }
}
