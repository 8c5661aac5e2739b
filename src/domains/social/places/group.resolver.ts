import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError } from '../../../errors';
import { fromGlobalId, fromOptionalGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreateGroupInput, SetGroupMembershipInput, UpdateGroupInput } from './group.input';
import { toGroup } from './group.mapper';
import { createGroup, findGroup, groupList, membershipOf, setGroupMembership, updateGroup } from './group.service';
import { Group, GroupConnection, GroupMembership } from './group.type';
import { windowedListKey } from '../../../graphql/windowed-lists';

const byId = (row: { id: number }) => [row.id];

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: 'One group by id or by name (case-insensitive): give one of them.' })
  async group(@Ctx() ctx: Context, @Arg('id', () => ID, { nullable: true }) id: string | null, @Arg('name', () => String, { nullable: true }) name: string | null): Promise<Group | null> {
    if ((id == null) === (name == null)) throw new BadUserInputError('Give either id or name');
    const row = await findGroup(ctx, id != null ? { id: fromGlobalId(id, 'Group') } : { name: name! });
    return row ? toGroup(row) : null;
  }

  @Query(() => GroupConnection, { description: 'Groups newest first: of one owner, with one member, or all; 20 a page by default.' })
  async groups(
    @Ctx() ctx: Context,
    @Arg('ownerId', () => ID, { nullable: true, description: "Only this user's groups." }) ownerId: string | null,
    @Arg('memberId', () => ID, { nullable: true, description: 'Only groups this user is a member of.' }) memberId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ): Promise<Connection<Group>> {
    const q = { ownerId: fromOptionalGlobalId(ownerId, 'User', 'ownerId'), memberId: fromOptionalGlobalId(memberId, 'User', 'memberId') };
    const window = windowOf(args);
    return toConnection(await groupList(ctx, q, window), window, byId, toGroup);
  }

  @FieldResolver(() => User)
  async owner(@Root() group: Group, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(group.ownerId))!, ctx.viewer);
  }

  @FieldResolver(() => GroupMembership, { description: 'Where the viewer stands with the group (NONE without a viewer).' })
  async viewerMembership(@Root() group: Group, @Ctx() ctx: Context): Promise<GroupMembership> {
    return ctx.viewer ? membershipOf(await ctx.loaders.groupMembership.load(`${ctx.viewer.userId}:${group.id}`)) : GroupMembership.NONE;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the viewer is a member (a pending request is not).' })
  async viewerIsMember(@Root() group: Group, @Ctx() ctx: Context): Promise<boolean> {
    return (await this.viewerMembership(group, ctx)) === GroupMembership.MEMBER;
  }

  @FieldResolver(() => Boolean)
  viewerIsOwner(@Root() group: Group, @Ctx() ctx: Context): boolean {
    return ctx.viewer?.userId === group.ownerId;
  }

  @FieldResolver(() => String, { description: "The group's address on the site: /g/<name>." })
  url(@Root() group: Group, @Ctx() ctx: Context): string {
    return `${ctx.config.publicUrl ?? ''}/g/${group.name}`;
  }

  @Authorized()
  @Mutation(() => Group, { description: 'Creates a group owned by the viewer, who becomes its first member.' })
  async createGroup(@Ctx() ctx: Context, @Arg('input', () => CreateGroupInput) input: CreateGroupInput): Promise<Group> {
    return toGroup(await createGroup(ctx, input));
  }

  @Authorized()
  @Mutation(() => Group, { description: 'Changes a group (its owner, or an admin).' })
  async updateGroup(@Ctx() ctx: Context, @Arg('input', () => UpdateGroupInput) input: UpdateGroupInput): Promise<Group> {
    return toGroup(await updateGroup(ctx, fromGlobalId(input.groupId, 'Group', 'groupId'), input));
  }

  @Authorized()
  @Mutation(() => Group, {
    description: 'Joins (member: true) or leaves a group for the viewer. A group that needs approval takes a request, and leaving withdraws one: viewerMembership tells the result.',
  })
  async setGroupMembership(@Ctx() ctx: Context, @Arg('input', () => SetGroupMembershipInput) input: SetGroupMembershipInput): Promise<Group> {
    return toGroup((await setGroupMembership(ctx, fromGlobalId(input.groupId, 'Group', 'groupId'), input.member)).row);
  }
}

/** The groups of a user: those they are a member of and those they own, through per-request loaders. */
@Resolver(() => User)
export class UserGroupsResolver {
  @FieldResolver(() => GroupConnection, {
    description: 'Groups the user is a member of (the owner is a member of their own), most recently joined first; 20 a page by default.',
  })
  async groups(@Root() user: User, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Group>> {
    const window = windowOf(args, ['string', 'number']);
    const rows = await ctx.loaders.memberGroups.load(windowedListKey(user.id, window));
    return toConnection(rows, window, (row) => [row.joined_at!, row.id], toGroup);
  }

  @FieldResolver(() => GroupConnection, { description: 'Groups the user owns, newest first; 20 a page by default.' })
  async ownedGroups(@Root() user: User, @Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Group>> {
    const window = windowOf(args);
    return toConnection(await ctx.loaders.ownedGroups.load(windowedListKey(user.id, window)), window, byId, toGroup);
  }
}
