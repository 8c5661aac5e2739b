import type { Database } from '../../db/connection';
import type { Window } from '../../db/keyset';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors';
import { isUniqueViolation } from '../../db/unique-violation';
import { requireMembership } from './membership.guard';
import type { ContactFilter } from './contact.input';
import type { ContactRow } from './contact.row';
import { countContacts, findContactsByEmailsOrPhones, findLiveContact, insertContacts, listContacts, softDeleteContact, updateContactRow } from './contact.repository';
import { applyUpdateRules, contactFields } from './contact.rules';
import { requireGroup } from './contact-group.service';

/** The fields of a new contact, with its group's number. */
export interface NewContact {
  groupId: number;
  email?: string | null;
  phoneNumber?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  notes?: string | null;
}

/** Changes to a contact, with the number of the group it moves to. */
export type ContactChanges = Omit<NewContact, 'groupId'> & { groupId?: number | null; keepSetEmailAndPhone?: boolean | null };

/** The viewer's live contact; another user's contact and a deleted one are NOT_FOUND, like a missing one. */
export async function requireContact(ctx: Context, id: number, db: Database = ctx.db): Promise<ContactRow> {
  const row = await findLiveContact(db, id, (await requireMembership(ctx)).userId);
  if (!row) throw new NotFoundError(`Contact ${id} does not exist`);
  return row;
}

/**
 * A window of the viewer's contacts, oldest first, that match the filter (its group given by number),
 * and a function that counts them all. The search is case-insensitive.
 */
export async function listViewerContacts(
  ctx: Context,
  filter: Omit<ContactFilter, 'groupId'> & { groupId: number | null },
  window: Window,
): Promise<{ rows: ContactRow[]; count: () => Promise<number> }> {
  const viewer = await requireMembership(ctx);
  if (filter.groupId !== null) await requireGroup(ctx, filter.groupId);
  const q = { groupId: filter.groupId, unsubscribed: filter.unsubscribed ?? null, search: filter.search?.trim().toLowerCase() || null };
  const rows = await listContacts(ctx.db, viewer.userId, q, window);
  for (const row of rows) ctx.loaders.contact.prime(row.id, row);
  return { rows, count: () => countContacts(ctx.db, viewer.userId, q) };
}

/** A user's live contacts have distinct emails and phone numbers; throws CONFLICT naming the contact that holds one. */
async function checkUnique(db: Database, userId: number, values: { email: string | null; phone_number: string | null }, exceptId: number | null) {
  const emails = values.email === null ? [] : [values.email];
  const phones = values.phone_number === null ? [] : [values.phone_number];
  if (emails.length + phones.length === 0) return;
  for (const other of await findContactsByEmailsOrPhones(db, userId, emails, phones)) {
    if (other.id === exceptId) continue;
    const field = values.email !== null && other.email === values.email ? 'email' : 'phoneNumber';
    throw new ConflictError(`A contact with this ${field} already exists (ID ${other.id})`, field);
  }
}

/** Runs a write that the live-contact unique indexes guard, turning a lost race into the same CONFLICT. */
async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('A contact with this email or phone number already exists');
    throw error;
  }
}

/** Creates a contact of the viewer in one of the viewer's live groups; an email or a phone number is required. */
export async function createContact(ctx: Context, input: NewContact): Promise<ContactRow> {
  const viewer = await requireMembership(ctx);
  const fields = contactFields(input);
  if (fields.email === null && fields.phoneNumber === null) throw new BadUserInputError('The email or phoneNumber is required', 'phoneNumber');
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await requireGroup(ctx, input.groupId, trx);
    const values = { email: fields.email, phone_number: fields.phoneNumber };
    await checkUnique(trx, viewer.userId, values, null);
    const now = new Date().toISOString();
    const [created] = await guarded(
      insertContacts(trx, [
        {
          user_id: viewer.userId,
          contact_group_id: input.groupId,
          first_name: fields.firstName ?? '',
          last_name: fields.lastName ?? '',
          ...values,
          notes: fields.notes ?? '',
          created_at: now,
          updated_at: now,
        },
      ]),
    );
    await record('contact.created', { contact: [created.id], contact_group: [input.groupId], user: [viewer.userId] }, viewer.userId);
    return created;
  });
  ctx.loaders.contact.prime(row.id, row);
  return row;
}

/**
 * Changes a contact by the update rules: names, notes and the group always; email and phone number
 * only where the contact has none yet (the same value again is no change, a different one an error
 * or, with `keepSetEmailAndPhone`, left out).
 */
export async function updateContact(ctx: Context, id: number, input: ContactChanges): Promise<ContactRow> {
  const viewer = await requireMembership(ctx);
  const given = (['groupId', 'email', 'phoneNumber', 'firstName', 'lastName', 'notes'] as const).filter((f) => input[f] != null);
  if (given.length === 0) throw new BadUserInputError('Give at least one of firstName, lastName, email, phoneNumber, notes or groupId');
  const fields = contactFields(input);
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const current = await requireContact(ctx, id, trx);
    if (input.groupId != null) await requireGroup(ctx, input.groupId, trx);
    const next = applyUpdateRules(current, fields, input.keepSetEmailAndPhone === true);
    const added = { email: next.email === current.email ? null : next.email, phone_number: next.phone_number === current.phone_number ? null : next.phone_number };
    await checkUnique(trx, viewer.userId, added, id);
    const updated = await guarded(updateContactRow(trx, id, { ...next, contact_group_id: input.groupId ?? current.contact_group_id, updated_at: new Date().toISOString() }));
    await record('contact.updated', { contact: [id], contact_group: [updated.contact_group_id], user: [viewer.userId] }, viewer.userId);
    return updated;
  });
  ctx.loaders.contact.clear(id).prime(id, row);
  return row;
}

/** Soft-deletes one of the viewer's live contacts; deleting it twice is NOT_FOUND. */
export async function deleteContact(ctx: Context, id: number): Promise<number> {
  const viewer = await requireMembership(ctx);
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const current = await requireContact(ctx, id, trx);
    await softDeleteContact(trx, id, new Date().toISOString());
    await record('contact.deleted', { contact: [id], contact_group: [current.contact_group_id], user: [viewer.userId] }, viewer.userId);
  });
  ctx.loaders.contact.clear(id);
  return id;
}

/** Unsubscribes (true) or resubscribes (false) a contact; a change to the state it has does nothing. */
export async function setUnsubscribed(ctx: Context, id: number, unsubscribed: boolean): Promise<ContactRow> {
  const viewer = await requireMembership(ctx);
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const current = await requireContact(ctx, id, trx);
    if ((current.unsubscribed === 1) === unsubscribed) return current;
    const updated = await updateContactRow(trx, id, { unsubscribed: unsubscribed ? 1 : 0, updated_at: new Date().toISOString() });
    const entities = { contact: [id], contact_group: [current.contact_group_id], user: [viewer.userId] };
    await record(unsubscribed ? 'contact.unsubscribed' : 'contact.resubscribed', entities, viewer.userId);
    return updated;
  });
  ctx.loaders.contact.clear(id).prime(id, row);
  return row;
}
