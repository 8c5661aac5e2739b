import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { fromGlobalId, fromOptionalGlobalId, toGlobalId } from '../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../graphql/connection';
import { requireMembership } from './membership.guard';
import { ContactConnection } from './contact.connection';
import { importContacts } from './contact.importer';
import { ContactFilter, CreateContactInput, ImportContactsInput, SetContactUnsubscribedInput, UpdateContactInput } from './contact.input';
import { toContact, toContactGroup } from './contact.mapper';
import { createContact, deleteContact, listViewerContacts, setUnsubscribed, updateContact } from './contact.service';
import { Contact, ContactImportResult } from './contact.type';
import { ContactGroup } from './contact-group.type';
import { MAX_IMPORT_ROWS } from './import-rows';

const contactIds = (ids: readonly number[]) => ids.map((id) => toGlobalId('Contact', id));

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized()
  @Query(() => ContactConnection, { description: "The viewer's contacts, oldest first: of one group or all, by unsubscribed, matching a search in names, email and phone number." })
  async contacts(@Ctx() ctx: Context, @Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | null, @Args() args: ConnectionArgs): Promise<Connection<Contact>> {
    const groupId = fromOptionalGlobalId(filter?.groupId, 'ContactGroup', 'filter.groupId');
    const window = windowOf(args);
    const { rows, count } = await listViewerContacts(ctx, { ...filter, groupId }, window);
    return toConnection(rows, window, (row) => [row.id], toContact, count);
  }

  @Authorized()
  @Query(() => Contact, { nullable: true, description: "One of the viewer's contacts; null for a missing, deleted or another user's contact." })
  async contact(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Contact | null> {
    const contactId = fromGlobalId(id, 'Contact');
    const viewer = await requireMembership(ctx);
    const row = await ctx.loaders.contact.load(contactId);
    return row && row.user_id === viewer.userId ? toContact(row) : null;
  }

  @FieldResolver(() => ContactGroup)
  async group(@Root() contact: Contact, @Ctx() ctx: Context): Promise<ContactGroup> {
    return toContactGroup((await ctx.loaders.contactGroup.load(contact.groupId))!);
  }

  @Authorized()
  @Mutation(() => Contact, { description: "Creates a contact in one of the viewer's groups. Emails and phone numbers are unique among the viewer's contacts." })
  async createContact(@Ctx() ctx: Context, @Arg('input', () => CreateContactInput) input: CreateContactInput): Promise<Contact> {
    const groupId = fromGlobalId(input.groupId, 'ContactGroup', 'groupId');
    return toContact(await createContact(ctx, { ...input, groupId }));
  }

  @Authorized()
  @Mutation(() => Contact, { description: 'Changes a contact: names, notes and group always; email and phoneNumber only when the contact has none yet.' })
  async updateContact(@Ctx() ctx: Context, @Arg('input', () => UpdateContactInput) input: UpdateContactInput): Promise<Contact> {
    const { contactId, ...changes } = input;
    const id = fromGlobalId(contactId, 'Contact', 'contactId');
    const groupId = fromOptionalGlobalId(changes.groupId, 'ContactGroup', 'groupId');
    return toContact(await updateContact(ctx, id, { ...changes, groupId }));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes one of the viewer's contacts (soft: it vanishes from every read); answers its global id." })
  async deleteContact(@Ctx() ctx: Context, @Arg('contactId', () => ID) contactId: string): Promise<string> {
    await deleteContact(ctx, fromGlobalId(contactId, 'Contact', 'contactId'));
    return contactId;
  }

  @Authorized()
  @Mutation(() => Contact, { description: 'Unsubscribes a contact (unsubscribed: true) or subscribes it again (false); setting the state it has changes nothing.' })
  async setContactUnsubscribed(@Ctx() ctx: Context, @Arg('input', () => SetContactUnsubscribedInput) input: SetContactUnsubscribedInput): Promise<Contact> {
    return toContact(await setUnsubscribed(ctx, fromGlobalId(input.contactId, 'Contact', 'contactId'), input.unsubscribed));
  }

  @Authorized()
  @Mutation(() => ContactImportResult, {
    description: `Imports up to ${MAX_IMPORT_ROWS} contacts into one of the viewer's groups in one transaction. A row matching a contact of the viewer by email or phone number updates it by the update rules; other rows create contacts. Bad rows are reported and skipped.`,
  })
  async importContacts(@Ctx() ctx: Context, @Arg('input', () => ImportContactsInput) input: ImportContactsInput): Promise<ContactImportResult> {
    const outcome = await importContacts(ctx, fromGlobalId(input.groupId, 'ContactGroup', 'groupId'), input.rows);
    return { ...outcome, createdIds: contactIds(outcome.createdIds), updatedIds: contactIds(outcome.updatedIds) };
  }
}
