import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { DomainEvent } from '../../../events/domain-event';
import type { Context } from '../../../graphql/context.types';
import { fromGlobalIds } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { filterEvents, Topic } from '../../../graphql/pubsub';
import { toUser } from '../../users/user.mapper';
import { requireViewer } from '../../shared/viewer.guard';
import { User } from '../../users/user.type';
import { countViewerNotifications, markNotificationsSeen, requireNotification, unseenNotificationCount, viewerNotifications } from './notification.service';
import { Notification, NotificationConnection, NOTIFICATION_EVENT, NotificationFilter } from './notification.type';
import { toNotification } from './notification.mapper';

/** The viewer's new notifications: `notification.created` events addressed to them, after commit. */
function notificationEvents(ctx: Context) {
  const viewerId = requireViewer(ctx).userId;
  return filterEvents(ctx.pubsub.subscribe(Topic.DomainEvent), (event: DomainEvent) => event.name === NOTIFICATION_EVENT && event.entities.user?.[0] === viewerId);
}

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first; totalCount counts those the filter keeps." })
  async notifications(
    @Ctx() ctx: Context,
    @Arg('filter', () => NotificationFilter, { nullable: true }) filter: NotificationFilter | null,
    @Args() args: ConnectionArgs,
  ): Promise<Connection<Notification>> {
    const unseenOnly = filter?.unseenOnly ?? false;
    const window = windowOf(args);
    const rows = await viewerNotifications(ctx, unseenOnly, window);
    return toConnection(
      rows,
      window,
      (row) => [row.id],
      toNotification,
      () => countViewerNotifications(ctx, unseenOnly),
    );
  }

  @Authorized()
  @Query(() => Int, { description: "How many of the viewer's notifications are unseen." })
  unseenNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return unseenNotificationCount(ctx);
  }

  @Authorized()
  @Mutation(() => Int, { description: "Marks the viewer's notifications seen: the given ids, or all when ids is omitted. Returns how many changed." })
  markNotificationsSeen(@Ctx() ctx: Context, @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null): Promise<number> {
    return markNotificationsSeen(ctx, ids ? fromGlobalIds(ids, 'Notification') : null);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who caused it.' })
  async notifier(@Root() notification: Notification, @Ctx() ctx: Context): Promise<User | null> {
    if (notification.notifierId === null) return null;
    const row = await ctx.loaders.user.load(notification.notifierId);
    return row ? toUser(row, ctx.viewer) : null;
  }

  @Subscription(() => Notification, {
    subscribe: ({ context }) => notificationEvents(context as Context),
    description: 'A new notification of the viewer, once the change that made it has committed. Only its recipient receives it.',
  })
  async notificationAdded(@Root() event: DomainEvent, @Ctx() ctx: Context): Promise<Notification> {
    return toNotification(await requireNotification(ctx, event.entities.notification[0]));
  }
}
