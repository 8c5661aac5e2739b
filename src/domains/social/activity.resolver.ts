import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { canReadPost } from '../content/content-access';
import { toPost } from '../content/content.mapper';
import { Post } from '../content/content.type';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import type { ActivityRow } from './activity.repository';
import { listActivities } from './activity.service';
import { Activity } from './activity.type';
import { MAX_GRAPH_PAGE } from './follow.type';

function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.activity_type,
    refType: row.ref_type ?? '',
    refId: row.ref_id ?? 0,
    postId: row.post_id === null ? null : Number(row.post_id),
    createdAt: new Date(row.created_at),
  };
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Authorized()
  @Query(() => [Activity], { description: `What the viewer and the people they follow did, newest first; beforeId pages towards older ones. At most ${MAX_GRAPH_PAGE}.` })
  async activities(
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 25 }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true }) beforeId: number | null,
  ): Promise<Activity[]> {
    return (await listActivities(ctx, limit, beforeId ?? null)).map(toActivity);
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
