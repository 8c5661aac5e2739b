import type { Database } from '../../db/connection';
import type { Window } from '../../db/keyset';
import { type ConnectionArgs, windowOf } from '../../graphql/connection';
import type { Context } from '../../graphql/context.types';
import { NotFoundError } from '../../errors';
import { requireMembership } from './membership.guard';
import type { ContactGroupRow } from './contact-group.row';
import { softDeleteContactsOfGroup } from './contact.repository';
import { countGroupsOfUser, findLiveGroup, insertGroup, listGroupsOfUser, renameGroup, softDeleteGroup } from './contact-group.repository';
import { groupName } from './contact.rules';

/**
 * The viewer's live contact group. Another user's group and a deleted one are NOT_FOUND, like one
 * that never existed, so nothing about other users' groups leaks. `db` may be a transaction.
 */
export async function requireGroup(ctx: Context, id: number, db: Database = ctx.db): Promise<ContactGroupRow> {
  const row = await findLiveGroup(db, id, (await requireMembership(ctx)).userId);
  if (!row) throw new NotFoundError(`Contact group ${id} does not exist`);
  return row;
}

/** A window of the viewer's contact groups, oldest first (membership checked before the paging arguments), and a function that counts them all. */
export async function listContactGroups(ctx: Context, args: ConnectionArgs): Promise<{ window: Window; rows: ContactGroupRow[]; count: () => Promise<number> }> {
  const viewer = await requireMembership(ctx);
  const window = windowOf(args);
  const rows = await listGroupsOfUser(ctx.db, viewer.userId, window);
  for (const row of rows) ctx.loaders.contactGroup.prime(row.id, row);
  return { window, rows, count: () => countGroupsOfUser(ctx.db, viewer.userId) };
}

/** Creates a contact group owned by the viewer. */
export async function createContactGroup(ctx: Context, name: string): Promise<ContactGroupRow> {
  const viewer = await requireMembership(ctx);
  const value = groupName(name);
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    const created = await insertGroup(trx, { user_id: viewer.userId, name: value, created_at: now, updated_at: now });
    await record('contact_group.created', { contact_group: [created.id], user: [viewer.userId] }, viewer.userId);
    return created;
  });
  ctx.loaders.contactGroup.prime(row.id, row);
  return row;
}

/** Renames one of the viewer's live groups. */
export async function updateContactGroup(ctx: Context, id: number, name: string): Promise<ContactGroupRow> {
  const viewer = await requireMembership(ctx);
  const value = groupName(name);
  const row = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await requireGroup(ctx, id, trx);
    const renamed = await renameGroup(trx, id, value, new Date().toISOString());
    await record('contact_group.updated', { contact_group: [id], user: [viewer.userId] }, viewer.userId);
    return renamed;
  });
  ctx.loaders.contactGroup.clear(id).prime(id, row);
  return row;
}

/**
 * Soft-deletes one of the viewer's live groups and, with it, the contacts in it: they vanish from
 * every read and their emails and phone numbers are free again. Deleting it twice is NOT_FOUND.
 */
export async function deleteContactGroup(ctx: Context, id: number): Promise<number> {
  const viewer = await requireMembership(ctx);
  const contactIds = await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    await requireGroup(ctx, id, trx);
    const now = new Date().toISOString();
    await softDeleteGroup(trx, id, now);
    const removed = await softDeleteContactsOfGroup(trx, id, now);
    await record('contact_group.deleted', { contact_group: [id], user: [viewer.userId] }, viewer.userId);
    if (removed.length > 0) await record('contact.deleted', { contact: removed, contact_group: [id], user: [viewer.userId] }, viewer.userId);
    return removed;
  });
  ctx.loaders.contactGroup.clear(id);
  for (const contactId of contactIds) ctx.loaders.contact.clear(contactId);
  return id;
}
