import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { User } from '../users/user.type';
import { pairKey } from './follow.loaders';
import { assertPage } from './follow.paging';
import { usersFromIds } from './follow.mapper';
import { followRequesterIds, followUser, respondToFollowRequest, unfollowUser } from './follow.service';
import { FOLLOW_STATE, FollowStatus, MAX_GRAPH_PAGE } from './follow.type';

function pageKey(userId: number, limit: number, offset: number): string {
  assertPage(limit, offset);
  return `${userId}:${limit}:${offset}`;
}

/** Follows on the User type, and the viewer's follow actions. Lists and counts of a page of users batch. */
@Resolver(() => User)
export class FollowResolver {
  @FieldResolver(() => [User], { description: `People who follow this user (approved), newest first. At most ${MAX_GRAPH_PAGE} a page.` })
  async followers(
    @Root() user: User,
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<User[]> {
    return usersFromIds(ctx, await ctx.loaders.followerIds.load(pageKey(user.id, limit, offset)));
  }

  @FieldResolver(() => [User], { description: `People this user follows (approved), newest first. At most ${MAX_GRAPH_PAGE} a page.` })
  async following(
    @Root() user: User,
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<User[]> {
    return usersFromIds(ctx, await ctx.loaders.followingIds.load(pageKey(user.id, limit, offset)));
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
  @Query(() => [User], { description: 'People waiting for the viewer to approve their follow request, newest first (the social API\'s friend_requests).' })
  async followRequests(
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<User[]> {
    return usersFromIds(ctx, await followRequesterIds(ctx, limit, offset));
  }

  @Authorized()
  @Mutation(() => FollowStatus, {
    description: 'Follows a user, or asks to when they approve followers. With toggle: true an existing follow or request is taken back (UNFOLLOWED). Refused across a block.',
  })
  followUser(
    @Ctx() ctx: Context,
    @Arg('userId', () => Int) userId: number,
    @Arg('toggle', { defaultValue: false }) toggle: boolean,
  ): Promise<FollowStatus> {
    return followUser(ctx, userId, toggle);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Stops following a user or withdraws a pending request; false when there was neither.' })
  unfollowUser(@Ctx() ctx: Context, @Arg('userId', () => Int) userId: number): Promise<boolean> {
    return unfollowUser(ctx, userId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Accepts (the user becomes a follower) or declines (the request is deleted) a pending request to follow the viewer.' })
  respondToFollowRequest(@Ctx() ctx: Context, @Arg('userId', () => Int) userId: number, @Arg('accept') accept: boolean): Promise<boolean> {
    return respondToFollowRequest(ctx, userId, accept);
  }
}
