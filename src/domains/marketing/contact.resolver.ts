import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { requireMembership } from './membership.guard';
import { importContacts, MAX_IMPORT_ROWS } from './contact.importer';
import { ContactImportRow, CreateContactInput, UpdateContactInput } from './contact.input';
import { toContact, toContactGroup } from './contact.mapper';
import { listContacts } from './contact.repository';
import { checkContactPaging, MAX_CONTACT_PAGE } from './contact.rules';
import { createContact, deleteContact, setUnsubscribed, updateContact } from './contact.service';
import { Contact, ContactImportResult } from './contact.type';
import { requireGroup } from './contact-group.service';
import { ContactGroup } from './contact-group.type';

@Resolver(() => Contact)
export class ContactResolver {
  @Authorized()
  @Query(() => [Contact], { description: 'The viewer\'s contacts, oldest first: of one group or all, by unsubscribed, matching a search in names, email and phone number.' })
  async contacts(
    @Ctx() ctx: Context,
    @Arg('groupId', () => Int, { nullable: true }) groupId: number | null,
    @Arg('unsubscribed', () => Boolean, { nullable: true }) unsubscribed: boolean | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('limit', () => Int, { defaultValue: 50, description: `At most ${MAX_CONTACT_PAGE}.` }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<Contact[]> {
    const viewer = await requireMembership(ctx);
    checkContactPaging(limit, offset);
    if (groupId != null) await requireGroup(ctx, groupId);
    const text = search?.trim().toLowerCase() || null;
    const rows = await listContacts(ctx.db, viewer.userId, { groupId: groupId ?? null, unsubscribed: unsubscribed ?? null, search: text }, limit, offset);
    return rows.map(toContact);
  }

  @Authorized()
  @Query(() => Contact, { nullable: true, description: 'One of the viewer\'s contacts; null for a missing, deleted or another user\'s contact.' })
  async contact(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Contact | null> {
    const viewer = await requireMembership(ctx);
    const row = await ctx.loaders.contact.load(id);
    return row && row.user_id === viewer.userId ? toContact(row) : null;
  }

  @FieldResolver(() => ContactGroup)
  async group(@Root() contact: Contact, @Ctx() ctx: Context): Promise<ContactGroup> {
    return toContactGroup((await ctx.loaders.contactGroup.load(contact.groupId))!);
  }

  @Authorized()
  @Mutation(() => Contact, { description: 'Creates a contact in one of the viewer\'s groups. Emails and phone numbers are unique among the viewer\'s contacts.' })
  async createContact(@Ctx() ctx: Context, @Arg('input', () => CreateContactInput) input: CreateContactInput): Promise<Contact> {
    return toContact(await createContact(ctx, input));
  }

  @Authorized()
  @Mutation(() => Contact, { description: 'Changes a contact: names, notes and group always; email and phoneNumber only when the contact has none yet.' })
  async updateContact(@Ctx() ctx: Context, @Arg('id', () => Int) id: number, @Arg('input', () => UpdateContactInput) input: UpdateContactInput): Promise<Contact> {
    return toContact(await updateContact(ctx, id, input));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes one of the viewer\'s contacts (soft: it vanishes from every read).' })
  deleteContact(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return deleteContact(ctx, id);
  }

  @Authorized()
  @Mutation(() => Contact, { description: 'Unsubscribes a contact (or, with unsubscribed: false, subscribes it again).' })
  async unsubscribeContact(
    @Ctx() ctx: Context,
    @Arg('id', () => Int) id: number,
    @Arg('unsubscribed', () => Boolean, { defaultValue: true }) unsubscribed: boolean,
  ): Promise<Contact> {
    return toContact(await setUnsubscribed(ctx, id, unsubscribed));
  }

  @Authorized()
  @Mutation(() => ContactImportResult, {
    description: `Imports up to ${MAX_IMPORT_ROWS} contacts into one of the viewer's groups in one transaction. A row matching a contact of the viewer by email or phone number updates it by the update rules; other rows create contacts. Bad rows are reported and skipped.`,
  })
  importContacts(@Ctx() ctx: Context, @Arg('groupId', () => Int) groupId: number, @Arg('rows', () => [ContactImportRow]) rows: ContactImportRow[]): Promise<ContactImportResult> {
    return importContacts(ctx, groupId, rows);
  }
}
