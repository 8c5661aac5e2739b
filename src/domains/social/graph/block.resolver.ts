import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, windowOf } from '../../../graphql/connection';
import { User } from '../../users/user.type';
import { blockedUsers, blockUser, countBlockedUsersOfViewer, unblockUser } from './block.service';
import { pairKey } from './follow.loaders';
import { GRAPH_USER_KEY, graphUserConnection } from './follow.mapper';
import { GraphUserConnection } from './follow.type';

@Resolver(() => User)
export class BlockResolver {
  @FieldResolver(() => Boolean, { description: 'The viewer blocked this user.' })
  isBlocked(@Root() user: User, @Ctx() ctx: Context): Promise<boolean> | boolean {
    if (!ctx.viewer || ctx.viewer.userId === user.id) return false;
    return ctx.loaders.blocked.load(pairKey(ctx.viewer.userId, user.id));
  }

  @Authorized()
  @Query(() => GraphUserConnection, { description: 'The users the viewer blocked, newest block first.' })
  async blockedUsers(@Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<User>> {
    const window = windowOf(args, GRAPH_USER_KEY);
    return graphUserConnection(ctx, await blockedUsers(ctx, window), window, () => countBlockedUsersOfViewer(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Blocks a user: follows and requests between you go both ways; neither can follow or message the other. Blocking twice changes nothing.' })
  blockUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<boolean> {
    return blockUser(ctx, fromGlobalId(userId, 'User', 'userId'));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Lifts the viewer's block of a user (if any)." })
  unblockUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<boolean> {
    return unblockUser(ctx, fromGlobalId(userId, 'User', 'userId'));
  }
}
