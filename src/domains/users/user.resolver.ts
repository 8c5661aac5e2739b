import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, registerEnumType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../graphql/errors';
import { type PresenceChange, Topic } from '../../graphql/pubsub';
import { Package, toPackage } from '../marketing/package.type';
import { setPresence } from './auth.service';
import { Role, toRole } from './role.type';
import { CreateUserInput, UpdateProfileInput, UpdateUserInput, UsersFilter } from './user.input';
import { toUser, type UserRow } from './user.mapper';
import { findUserRef } from './user-ref';
import { seesPresenceChange } from './privacy.rules';
import { listUsers, type UserSortKey } from './user.repository';
import { createUser, requireViewer, setUserRole, updateUser } from './user.service';
import { UserStatus } from './user-status';
import { Presence, PresenceUpdate, User, UserPage } from './user.type';

export enum UserSort {
  USER_ID = 'user_id',
  JOINED = 'joined',
  NAME = 'name',
}
export enum SortOrder {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(UserSort, { name: 'UserSort' });
registerEnumType(SortOrder, { name: 'SortOrder' });

export const MAX_PAGE_SIZE = 50;

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  async viewer(@Ctx() ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    const row = await ctx.loaders.user.load(ctx.viewer.userId);
    return row ? toUser(row, ctx.viewer) : null;
  }

  @Query(() => User, { nullable: true, description: 'One user by id, msid (`id.sid`), username or (admins) email. Deleted users are not found.' })
  async user(
    @Ctx() ctx: Context,
    @Arg('id', () => Int, { nullable: true }) id?: number,
    @Arg('msid', () => String, { nullable: true }) msid?: string,
    @Arg('username', () => String, { nullable: true }) username?: string,
    @Arg('email', () => String, { nullable: true }) email?: string,
  ): Promise<User | null> {
    const row = await findUserRef(ctx, { id, msid, username, email });
    return row && row.user_status !== UserStatus.DELETED ? toUser(row, ctx.viewer) : null;
  }

  @Query(() => [User], { description: 'Users by id, in the order asked; missing and deleted ids are left out. At most 100.' })
  async usersByIds(@Ctx() ctx: Context, @Arg('ids', () => [Int]) ids: number[]): Promise<User[]> {
    if (ids.length > 100) throw new BadUserInputError('Ask for at most 100 users at once', 'ids');
    const rows = await ctx.loaders.user.loadMany(ids);
    return rows
      .filter((row): row is UserRow => row !== null && !(row instanceof Error) && row.user_status !== UserStatus.DELETED)
      .map((row) => toUser(row, ctx.viewer));
  }

  @Authorized()
  @Query(() => UserPage, { description: 'Users, a page at a time (page from 1, at most 50 a page). Only admins list other statuses than ACTIVE.' })
  async users(
    @Ctx() ctx: Context,
    @Arg('filter', () => UsersFilter, { nullable: true }) filter?: UsersFilter,
    @Arg('sort', () => UserSort, { defaultValue: UserSort.USER_ID }) sort: UserSort = UserSort.USER_ID,
    @Arg('order', () => SortOrder, { defaultValue: SortOrder.DESC }) order: SortOrder = SortOrder.DESC,
    @Arg('page', () => Int, { defaultValue: 1 }) page = 1,
    @Arg('pageSize', () => Int, { defaultValue: 10 }) pageSize = 10,
  ): Promise<UserPage> {
    if (page < 1) throw new BadUserInputError('page starts at 1', 'page');
    if (pageSize < 1) throw new BadUserInputError('pageSize must be at least 1', 'pageSize');
    const size = Math.min(pageSize, MAX_PAGE_SIZE);
    const statuses = filter?.statuses?.length ? filter.statuses : [UserStatus.ACTIVE];
    if (statuses.some((s) => s !== UserStatus.ACTIVE) && !ctx.viewer?.isAdmin) {
      throw new ForbiddenError('Only admins may list users that are not active');
    }
    const rows = await listUsers(ctx.db, {
      statuses,
      search: filter?.search ?? null,
      roleId: filter?.roleId ?? null,
      pro: filter?.pro ?? null,
      sort: sort as UserSortKey,
      order,
      limit: size,
      offset: (page - 1) * size,
    });
    for (const row of rows) ctx.loaders.user.prime(row.id, row);
    return { items: rows.slice(0, size).map((row) => toUser(row, ctx.viewer)), hasMore: rows.length > size, page, pageSize: size };
  }

  @FieldResolver(() => Role)
  async role(@Root() user: User, @Ctx() ctx: Context): Promise<Role> {
    const row = await ctx.loaders.role.load(user.roleId);
    if (!row) throw new Error(`role ${user.roleId} missing`);
    return toRole(row);
  }

  @FieldResolver(() => Package, { nullable: true })
  async package(@Root() user: User, @Ctx() ctx: Context): Promise<Package | null> {
    if (user.packageId === null) return null;
    const row = await ctx.loaders.package.load(user.packageId);
    return row ? toPackage(row) : null;
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes the signed-in user\'s profile.' })
  async updateProfile(@Ctx() ctx: Context, @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput): Promise<User> {
    return toUser(await updateUser(ctx, requireViewer(ctx).userId, input), ctx.viewer);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes a user: yourself, or anyone when you are an admin (status, package and expiry are admin-only).' })
  async updateUser(
    @Ctx() ctx: Context,
    @Arg('input', () => UpdateUserInput) input: UpdateUserInput,
    @Arg('id', () => Int, { nullable: true }) id?: number,
    @Arg('msid', () => String, { nullable: true }) msid?: string,
  ): Promise<User> {
    const row = await findUserRef(ctx, { id, msid });
    if (!row || row.user_status === UserStatus.DELETED) throw new NotFoundError('User not found');
    return toUser(await updateUser(ctx, row.id, input), ctx.viewer);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, { description: 'Creates a user (admins): community and marketing integrations use this.' })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<User> {
    return toUser(await createUser(ctx, input), ctx.viewer);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, { description: 'Gives a user (by id or msid) another role (admins only).' })
  async setUserRole(
    @Ctx() ctx: Context,
    @Arg('roleId', () => Int) roleId: number,
    @Arg('userId', () => Int, { nullable: true }) userId?: number,
    @Arg('msid', () => String, { nullable: true }) msid?: string,
  ): Promise<User> {
    const row = await findUserRef(ctx, { id: userId, msid });
    if (!row || row.user_status === UserStatus.DELETED) throw new NotFoundError('User not found');
    return toUser(await setUserRole(ctx, row.id, roleId), ctx.viewer);
  }

  @FieldResolver(() => Int, { description: 'Posts the user wrote.' })
  async postCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.userCounts.load(user.id)).posts;
  }

  @FieldResolver(() => Int, { description: 'Comments the user wrote.' })
  async commentCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.userCounts.load(user.id)).comments;
  }

  @FieldResolver(() => Int, { description: 'Replies the user wrote.' })
  async replyCount(@Root() user: User, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.userCounts.load(user.id)).replies;
  }

  @Authorized()
  @Mutation(() => User, { description: 'Sets online or offline: yourself, or anyone when you are an admin. Defaults to the viewer.' })
  async setPresence(
    @Ctx() ctx: Context,
    @Arg('presence', () => Presence) presence: Presence,
    @Arg('userId', () => Int, { nullable: true }) userId?: number,
  ): Promise<User> {
    return toUser(await setPresence(ctx, userId ?? requireViewer(ctx).userId, presence), ctx.viewer);
  }

  @Authorized()
  @Subscription(() => PresenceUpdate, {
    topics: Topic.PresenceChanged,
    filter: async ({ payload, args, context }: { payload: PresenceChange; args: { userIds: number[] }; context: Context }) =>
      args.userIds.includes(payload.userId) && (await seesPresenceChange(context, payload.userId)),
    description: 'Presence changes of the given users who show being online (see Privacy.showOnline).',
  })
  presenceChanged(@Root() change: PresenceChange, @Arg('userIds', () => [Int]) _userIds: number[]): PresenceUpdate {
    return { userId: change.userId, presence: change.presence as Presence, lastSeenAt: change.lastSeenAt ? new Date(change.lastSeenAt) : null };
  }
}
