import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { requireMembership } from './membership.guard';
import { Contact } from './contact.type';
import { groupContactsKey } from './contact.loaders';
import { toContact, toContactGroup } from './contact.mapper';
import { checkContactPaging, MAX_CONTACT_PAGE } from './contact.rules';
import { listGroupsOfUser } from './contact-group.repository';
import { createContactGroup, deleteContactGroup, updateContactGroup } from './contact-group.service';
import { ContactGroup } from './contact-group.type';

@Resolver(() => ContactGroup)
export class ContactGroupResolver {
  @Authorized()
  @Query(() => [ContactGroup], { description: 'The viewer\'s contact groups, oldest first.' })
  async contactGroups(@Ctx() ctx: Context): Promise<ContactGroup[]> {
    const rows = await listGroupsOfUser(ctx.db, (await requireMembership(ctx)).userId);
    for (const row of rows) ctx.loaders.contactGroup.prime(row.id, row);
    return rows.map(toContactGroup);
  }

  @Authorized()
  @Query(() => ContactGroup, { nullable: true, description: 'One of the viewer\'s contact groups; null for a missing, deleted or another user\'s group.' })
  async contactGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<ContactGroup | null> {
    const viewer = await requireMembership(ctx);
    const row = await ctx.loaders.contactGroup.load(id);
    return row && row.user_id === viewer.userId ? toContactGroup(row) : null;
  }

  @FieldResolver(() => [Contact], { description: 'The group\'s contacts, oldest first.' })
  async contacts(
    @Root() group: ContactGroup,
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { defaultValue: 100, description: `At most ${MAX_CONTACT_PAGE}.` }) limit: number,
  ): Promise<Contact[]> {
    checkContactPaging(limit);
    return (await ctx.loaders.groupContacts.load(groupContactsKey(group.id, limit))).map(toContact);
  }

  @FieldResolver(() => Int, { description: 'How many contacts the group holds.' })
  contactCount(@Root() group: ContactGroup, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.groupContactCount.load(group.id);
  }

  @Authorized()
  @Mutation(() => ContactGroup, { description: 'Creates a contact group owned by the viewer.' })
  async createContactGroup(@Ctx() ctx: Context, @Arg('name') name: string): Promise<ContactGroup> {
    return toContactGroup(await createContactGroup(ctx, name));
  }

  @Authorized()
  @Mutation(() => ContactGroup, { description: 'Renames one of the viewer\'s contact groups.' })
  async updateContactGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('name') name: string): Promise<ContactGroup> {
    return toContactGroup(await updateContactGroup(ctx, id, name));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes one of the viewer\'s contact groups with its contacts (soft: they vanish from every read).' })
  deleteContactGroup(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deleteContactGroup(ctx, id);
  }
}
