import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { CreateGroupInput, UpdateGroupInput } from './group.input';
import { toGroup } from './group.mapper';
import { findGroupByName, listGroups } from './group.repository';
import { createGroup, joinGroup, membershipOf, updateGroup } from './group.service';
import { Group, GroupMembership } from './group.type';
import { listKey } from '../../graphql/batch';
import { checkPaging } from './place-rules';

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: 'One group by id or by name (case-insensitive).' })
  async group(
    @Ctx() ctx: Context,
    @Arg('id', () => Int, { nullable: true }) id: number | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
  ): Promise<Group | null> {
    if ((id == null) === (name == null)) throw new BadUserInputError('Give either id or name');
    const row = id != null ? await ctx.loaders.group.load(id) : await findGroupByName(ctx.db, name!);
    return row ? toGroup(row) : null;
  }

  @Query(() => [Group], { description: 'Groups newest first: of one owner, with one member, or all.' })
  async groups(
    @Ctx() ctx: Context,
    @Arg('ownerId', () => Int, { nullable: true }) ownerId: number | null,
    @Arg('memberId', () => Int, { nullable: true }) memberId: number | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<Group[]> {
    checkPaging(limit, offset);
    return (await listGroups(ctx.db, { ownerId: ownerId ?? null, memberId: memberId ?? null, limit, offset })).map(toGroup);
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

  @FieldResolver(() => String, { description: 'The group\'s address on the site: /g/<name>.' })
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
  async updateGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => UpdateGroupInput) input: UpdateGroupInput): Promise<Group> {
    return toGroup(await updateGroup(ctx, id, input));
  }

  @Authorized()
  @Mutation(() => Group, {
    description: 'Joins (true) or leaves (false) a group; without `join` it toggles. A group that needs approval takes a request: viewerMembership tells the result.',
  })
  async joinGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('join', () => Boolean, { nullable: true }) join: boolean | null): Promise<Group> {
    return toGroup((await joinGroup(ctx, id, join ?? null)).row);
  }

  @Authorized()
  @Mutation(() => Group, { description: 'Leaves a group, or withdraws a request to join it. The owner cannot leave.' })
  async leaveGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Group> {
    return toGroup((await joinGroup(ctx, id, false)).row);
  }
}

/** The groups of a user: those they are a member of and those they own, through per-request loaders. */
@Resolver(() => User)
export class UserGroupsResolver {
  @FieldResolver(() => [Group], { description: 'Groups the user is a member of (the owner is a member of their own), most recently joined first.' })
  async groups(@Root() user: User, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<Group[]> {
    checkPaging(limit);
    return (await ctx.loaders.memberGroups.load(listKey(user.id, limit))).map(toGroup);
  }

  @FieldResolver(() => [Group], { description: 'Groups the user owns, newest first.' })
  async ownedGroups(@Root() user: User, @Ctx() ctx: Context, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number): Promise<Group[]> {
    checkPaging(limit);
    return (await ctx.loaders.ownedGroups.load(listKey(user.id, limit))).map(toGroup);
  }
}
