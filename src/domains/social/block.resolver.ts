import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { User } from '../users/user.type';
import { blockedUsers, blockUser, unblockUser } from './block.service';
import { pairKey } from './follow.loaders';
import { usersFromIds } from './follow.mapper';
import { MAX_GRAPH_PAGE } from './follow.type';

@Resolver(() => User)
export class BlockResolver {
  @FieldResolver(() => Boolean, { description: 'The viewer blocked this user.' })
  isBlocked(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> | boolean {
    if (!ctx.viewer || ctx.viewer.userId === user.id) return false;
    return ctx.loaders.blocked.load(pairKey(ctx.viewer.userId, user.id));
  }

  @Authorized()
  @Query(() => [User], { description: `The users the viewer blocked, newest block first; at most ${MAX_GRAPH_PAGE} a page.` })
  async blockedUsers(
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: MAX_GRAPH_PAGE }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<User[]> {
    return usersFromIds(ctx, await blockedUsers(ctx, limit, offset));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Blocks a user: follows and requests between you go both ways; neither can follow or message the other. Blocking twice changes nothing.' })
  blockUser(@Ctx() ctx: Context, @Arg('userId', () => Int) userId: number): Promise<boolean> {
    return blockUser(ctx, userId);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Lifts the viewer\'s block of a user (if any).' })
  unblockUser(@Ctx() ctx: Context, @Arg('userId', () => Int) userId: number): Promise<boolean> {
    return unblockUser(ctx, userId);
  }
}
