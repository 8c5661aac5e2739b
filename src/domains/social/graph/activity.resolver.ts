import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { canReadPost } from '../../content/content-access';
import { toPost } from '../../content/content.mapper';
import { Post } from '../../content/content.type';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { toActivity } from './activity.mapper';
import { listActivities } from './activity.service';
import { Activity, ActivityConnection } from './activity.type';

@Resolver(() => Activity)
export class ActivityResolver {
  @Authorized()
  @Query(() => ActivityConnection, { description: 'What the viewer and the people they follow did, newest first.' })
  async activities(@Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<Activity>> {
    const window = windowOf(args);
    return toConnection(await listActivities(ctx, window), window, (row) => [row.id], toActivity);
  }

  @FieldResolver(() => User, { description: 'Who did it.' })
  async user(@Root() activity: Activity, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(activity.userId))!, ctx.viewer);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The followed user, for a follow.' })
  async followedUser(@Root() activity: Activity, @Ctx() ctx: Context): Promise<User | null> {
    if (activity.refType !== 'USER') return null;
    const row = await ctx.loaders.user.load(activity.refId);
    return row ? toUser(row, ctx.viewer) : null;
  }

  @FieldResolver(() => Post, { nullable: true, description: 'The post it is about (of a comment or reply too), when the viewer may read it.' })
  async post(@Root() activity: Activity, @Ctx() ctx: Context): Promise<Post | null> {
    if (activity.postId === null) return null;
    const row = await ctx.loaders.post.load(activity.postId);
    return row && (await canReadPost(ctx, row)) ? toPost(row) : null;
  }
}
