import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, windowOf } from '../../../graphql/connection';
import { User } from '../../users/user.type';
import { followPageKey, pairKey } from './follow.loaders';
import { GRAPH_USER_KEY, graphUserConnection } from './follow.mapper';
import { countFollowRequesters, followRequesters, followStatus, followUser, respondToFollowRequest, unfollowUser } from './follow.service';
import { FollowStatus, GraphUserConnection, RespondToFollowRequestInput } from './follow.type';
import { FOLLOW_STATE } from './follow.row';

/** Follows on the User type, and the viewer's follow actions. Lists and counts of a page of users batch. */
@Resolver(() => User)
export class FollowResolver {
  @FieldResolver(() => GraphUserConnection, { description: 'People who follow this user (approved), newest follow first.' })
  async followers(@Root() user: User, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<User>> {
    const window = windowOf(args, GRAPH_USER_KEY);
    const rows = await ctx.loaders.followerIds.load(followPageKey(user.id, window));
    return graphUserConnection(ctx, rows, window, () => ctx.loaders.followerCount.load(user.id));
  }

  @FieldResolver(() => GraphUserConnection, { description: 'People this user follows (approved), newest follow first.' })
  async following(@Root() user: User, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<User>> {
    const window = windowOf(args, GRAPH_USER_KEY);
    const rows = await ctx.loaders.followingIds.load(followPageKey(user.id, window));
    return graphUserConnection(ctx, rows, window, () => ctx.loaders.followingCount.load(user.id));
  }

  @FieldResolver(() => Int)
  followerCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.followerCount.load(user.id);
  }

  @FieldResolver(() => Int)
  followingCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.followingCount.load(user.id);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer follows this user (approved).' })
  async isFollowing(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer || ctx.viewer.userId === user.id) return false;
    return (await ctx.loaders.followState.load(pairKey(ctx.viewer.userId, user.id))) === FOLLOW_STATE.ACCEPTED;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer asked to follow this user and waits for approval.' })
  async followRequested(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer || ctx.viewer.userId === user.id) return false;
    return (await ctx.loaders.followState.load(pairKey(ctx.viewer.userId, user.id))) === FOLLOW_STATE.PENDING;
  }

  @FieldResolver(() => Boolean, { description: 'This user follows the viewer (approved).' })
  async followsViewer(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer || ctx.viewer.userId === user.id) return false;
    return (await ctx.loaders.followState.load(pairKey(user.id, ctx.viewer.userId))) === FOLLOW_STATE.ACCEPTED;
  }

  @Authorized()
  @Query(() => GraphUserConnection, { description: "People waiting for the viewer to approve their follow request, newest request first (the social API's friend_requests)." })
  async followRequests(@Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<User>> {
    const window = windowOf(args, GRAPH_USER_KEY);
    return graphUserConnection(ctx, await followRequesters(ctx, window), window, () => countFollowRequesters(ctx));
  }

  @Authorized()
  @Query(() => FollowStatus, { description: 'Where the viewer stands towards a user: FOLLOWED, REQUESTED (waiting for approval) or UNFOLLOWED.' })
  followStatus(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<FollowStatus> {
    return followStatus(ctx, fromGlobalId(userId, 'User', 'userId'));
  }

  @Authorized()
  @Mutation(() => FollowStatus, {
    description: 'Follows a user (FOLLOWED), or asks to when they approve followers (REQUESTED). Following again changes nothing. Refused across a block.',
  })
  followUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<FollowStatus> {
    return followUser(ctx, fromGlobalId(userId, 'User', 'userId'));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Stops following a user or withdraws a pending request; false when there was neither.' })
  unfollowUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<boolean> {
    return unfollowUser(ctx, fromGlobalId(userId, 'User', 'userId'));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Accepts (the user becomes a follower) or declines (the request is deleted) a pending request to follow the viewer.' })
  respondToFollowRequest(@Ctx() ctx: Context, @Arg('input', () => RespondToFollowRequestInput) input: RespondToFollowRequestInput): Promise<boolean> {
    return respondToFollowRequest(ctx, fromGlobalId(input.userId, 'User', 'userId'), input.accept);
  }
}
