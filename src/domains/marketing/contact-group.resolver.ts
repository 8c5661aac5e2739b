import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, connectionType, toConnection, windowOf } from '../../graphql/connection';
import { requireMembership } from './membership.guard';
import { ContactConnection } from './contact.connection';
import type { Contact } from './contact.type';
import { windowedListKey } from '../../graphql/windowed-lists';
import { toContact, toContactGroup } from './contact.mapper';
import { UpdateContactGroupInput } from './contact.input';
import { createContactGroup, deleteContactGroup, listContactGroups, updateContactGroup } from './contact-group.service';
import { ContactGroup } from './contact-group.type';

export const ContactGroupConnection = connectionType(ContactGroup, { totalCount: true, description: "A page of the viewer's contact groups, oldest first." });

@Resolver(() => ContactGroup)
export class ContactGroupResolver {
  @Authorized()
  @Query(() => ContactGroupConnection, { description: "The viewer's contact groups, oldest first." })
  async contactGroups(@Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<ContactGroup>> {
    const { window, rows, count } = await listContactGroups(ctx, args);
    return toConnection(rows, window, (row) => [row.id], toContactGroup, count);
  }

  @Authorized()
  @Query(() => ContactGroup, { nullable: true, description: "One of the viewer's contact groups; null for a missing, deleted or another user's group." })
  async contactGroup(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<ContactGroup | null> {
    const groupId = fromGlobalId(id, 'ContactGroup');
    const viewer = await requireMembership(ctx);
    const row = await ctx.loaders.contactGroup.load(groupId);
    return row && row.user_id === viewer.userId ? toContactGroup(row) : null;
  }

  @FieldResolver(() => ContactConnection, { description: "The group's contacts, oldest first; totalCount is contactCount." })
  async contacts(@Root() group: ContactGroup, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<Contact>> {
    const window = windowOf(args);
    const rows = await ctx.loaders.groupContacts.load(windowedListKey(group.id, window));
    return toConnection(
      rows,
      window,
      (row) => [row.id],
      toContact,
      () => ctx.loaders.groupContactCount.load(group.id),
    );
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
  @Mutation(() => ContactGroup, { description: "Renames one of the viewer's contact groups." })
  async updateContactGroup(@Ctx() ctx: Context, @Arg('input', () => UpdateContactGroupInput) input: UpdateContactGroupInput): Promise<ContactGroup> {
    const id = fromGlobalId(input.contactGroupId, 'ContactGroup', 'contactGroupId');
    return toContactGroup(await updateContactGroup(ctx, id, input.name));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes one of the viewer's contact groups with its contacts (soft: they vanish from every read); answers the group's global id." })
  async deleteContactGroup(@Ctx() ctx: Context, @Arg('contactGroupId', () => ID) contactGroupId: string): Promise<string> {
    await deleteContactGroup(ctx, fromGlobalId(contactGroupId, 'ContactGroup', 'contactGroupId'));
    return contactGroupId;
  }
}
