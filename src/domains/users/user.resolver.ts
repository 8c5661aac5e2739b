import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, NotFoundError } from '../../errors';
import { fromGlobalId, fromGlobalIds, fromOptionalGlobalId } from '../../graphql/node';
import { type Connection, OffsetConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { type PresenceChange, Topic } from '../../graphql/pubsub';
import { Package } from '../marketing/package.type';
import { setPresence } from './auth.service';
import { Role } from './role.type';
import { CreateUserInput, SetPresenceInput, SetUserRoleInput, UpdateProfileInput, UpdateUserInput, UserOrder, UsersFilter } from './user.input';
import { toUser } from './user.mapper';
import { findUserRef } from './user-ref';
import { seesPresenceChange } from './privacy.service';
import { createUser, listUsersInOrder, setUserRole, updateUser } from './user.service';
import { UserStatus } from './user-status';
import { PresenceUpdate, User, UserConnection } from './user.type';
import { requireViewer } from '../shared/viewer.guard';
import { USER_SORT_KEY_TYPES, type UserRow, type UserSortKey, userSortKey } from './user.row';
import { toPackage } from '../marketing/package.mapper';
import { toRole } from './role.mapper';

const ORDERS: Record<UserOrder, [UserSortKey, 'asc' | 'desc']> = {
  USER_ID_DESC: ['user_id', 'desc'],
  USER_ID_ASC: ['user_id', 'asc'],
  JOINED_DESC: ['joined', 'desc'],
  JOINED_ASC: ['joined', 'asc'],
  NAME_ASC: ['name', 'asc'],
  NAME_DESC: ['name', 'desc'],
};

/** The live user a mutation names by global id (`userId`) or msid: exactly one of them. */
async function targetUser(ctx: Context, ref: { userId?: string | null; msid?: string | null }): Promise<number> {
  if ((ref.userId == null) === (ref.msid == null)) throw new BadUserInputError('Give exactly one of userId, msid', 'userId');
  const row = await findUserRef(ctx, { id: fromOptionalGlobalId(ref.userId, 'User', 'userId'), msid: ref.msid });
  if (!row || row.user_status === UserStatus.DELETED) throw new NotFoundError('User not found');
  return row.id;
}

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  async viewer(@Ctx() ctx: Context): Promise<User | null> {
    if (!ctx.viewer) return null;
    const row = await ctx.loaders.user.load(ctx.viewer.userId);
    return row ? toUser(row, ctx.viewer) : null;
  }

  @Query(() => User, { nullable: true, description: 'One user by global id, msid (`id.sid`), username or (admins) email: exactly one of them. Deleted users are not found.' })
  async user(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('msid', () => String, { nullable: true }) msid?: string,
    @Arg('username', () => String, { nullable: true }) username?: string,
    @Arg('email', () => String, { nullable: true }) email?: string,
  ): Promise<User | null> {
    const row = await findUserRef(ctx, { id: fromOptionalGlobalId(id, 'User', 'id'), msid, username, email });
    return row && row.user_status !== UserStatus.DELETED ? toUser(row, ctx.viewer) : null;
  }

  @Query(() => [User], {
    description:
      "Users by global id, in the order asked (at most 100); missing and deleted ones are left out. The social API's many-users call reads it; `nodes` answers the same with nulls in place.",
  })
  async usersByIds(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<User[]> {
    if (ids.length > 100) throw new BadUserInputError('Ask for at most 100 users at once', 'ids');
    const rows = await ctx.loaders.user.loadMany(fromGlobalIds(ids, 'User', 'ids'));
    return rows.filter((row): row is UserRow => row !== null && !(row instanceof Error) && row.user_status !== UserStatus.DELETED).map((row) => toUser(row, ctx.viewer));
  }

  @Authorized()
  @Query(() => UserConnection, {
    description: "Users in the order asked (newest id first by default). Only admins list other statuses than ACTIVE. `offset` is for the community API's numbered pages.",
  })
  async users(
    @Ctx() ctx: Context,
    @Args() paging: OffsetConnectionArgs,
    @Arg('filter', () => UsersFilter, { nullable: true }) filter?: UsersFilter,
    @Arg('orderBy', () => UserOrder, { defaultValue: UserOrder.USER_ID_DESC }) orderBy: UserOrder = UserOrder.USER_ID_DESC,
  ): Promise<Connection<User>> {
    const [sort, order] = ORDERS[orderBy];
    const window = windowOf(paging, USER_SORT_KEY_TYPES[sort]);
    const { rows, count } = await listUsersInOrder(ctx, filter, sort, order, window);
    return toConnection(
      rows,
      window,
      (row) => userSortKey(row, sort),
      (row) => toUser(row, ctx.viewer),
      count,
    );
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
  @Mutation(() => User, { description: "Changes the signed-in user's profile." })
  async updateProfile(@Ctx() ctx: Context, @Arg('input', () => UpdateProfileInput) input: UpdateProfileInput): Promise<User> {
    return toUser(await updateUser(ctx, requireViewer(ctx).userId, input), ctx.viewer);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes a user: yourself, or anyone when you are an admin (status, package, expiry and password are admin-only).' })
  async updateUser(@Ctx() ctx: Context, @Arg('input', () => UpdateUserInput) input: UpdateUserInput): Promise<User> {
    const { userId: _userId, msid: _msid, packageId, ...changes } = input;
    const userId = await targetUser(ctx, input);
    const packageNumber = packageId === undefined ? undefined : fromOptionalGlobalId(packageId, 'Package', 'packageId');
    return toUser(await updateUser(ctx, userId, { ...changes, packageId: packageNumber }), ctx.viewer);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, { description: 'Creates a user (admins): community and marketing integrations use this.' })
  async createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<User> {
    const { packageId, roleId, ...fields } = input;
    const user = {
      ...fields,
      packageId: packageId === undefined ? undefined : fromOptionalGlobalId(packageId, 'Package', 'packageId'),
      roleId: fromOptionalGlobalId(roleId, 'Role', 'roleId') ?? undefined,
    };
    return toUser(await createUser(ctx, user), ctx.viewer);
  }

  @Authorized('ADMIN')
  @Mutation(() => User, { description: 'Gives a user (userId or msid) another role (admins only).' })
  async setUserRole(@Ctx() ctx: Context, @Arg('input', () => SetUserRoleInput) input: SetUserRoleInput): Promise<User> {
    const roleId = fromGlobalId(input.roleId, 'Role', 'roleId');
    const userId = await targetUser(ctx, input);
    return toUser(await setUserRole(ctx, userId, roleId), ctx.viewer);
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
  @Mutation(() => User, { description: 'Sets online or offline: yourself (the default), or anyone when you are an admin.' })
  async setPresence(@Ctx() ctx: Context, @Arg('input', () => SetPresenceInput) input: SetPresenceInput): Promise<User> {
    const userId = fromOptionalGlobalId(input.userId, 'User', 'userId') ?? requireViewer(ctx).userId;
    return toUser(await setPresence(ctx, userId, input.presence), ctx.viewer);
  }

  @Authorized()
  @Subscription(() => PresenceUpdate, {
    topics: Topic.PresenceChanged,
    filter: async ({ payload, args, context }: { payload: PresenceChange; args: { userIds: string[] }; context: Context }) =>
      fromGlobalIds(args.userIds, 'User', 'userIds').includes(payload.userId) && (await seesPresenceChange(context, payload.userId)),
    description: 'Presence changes of the given users (global ids) who show being online (see Privacy.showOnline).',
  })
  presenceChanged(@Root() change: PresenceChange, @Arg('userIds', () => [ID]) _userIds: string[]): PresenceUpdate {
    return { userId: change.userId, presence: change.presence as PresenceUpdate['presence'], lastSeenAt: change.lastSeenAt ? new Date(change.lastSeenAt) : null };
  }
}
