import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import { inChunks } from '../../db/chunks';
import { applyWindow, type Window } from '../../db/keyset';
import { containsPatternAsIs } from '../../db/like';
import type { Contacts, DB } from '../../db/schema';
import type { ContactRow } from './contact.row';
import { rankWithin, windowOfEach } from '../../db/ranked-window';

type Db = Kysely<DB>;

/** Contacts that are not deleted, by id, whoever owns them (callers check the owner). */
export function findLiveContactsByIds(db: Db, ids: readonly number[]): Promise<ContactRow[]> {
  return db.selectFrom('contacts').selectAll().where('id', 'in', ids).where('deleted', '=', 0).execute();
}

export function findLiveContact(db: Db, id: number, userId: number): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).where('user_id', '=', userId).where('deleted', '=', 0).executeTakeFirst();
}

export interface ContactFilter {
  groupId: number | null;
  unsubscribed: boolean | null;
  /** Lower-case text found in a name, the email or the phone number. */
  search: string | null;
}

function filteredContacts(db: Db, userId: number, filter: ContactFilter) {
  let query = db.selectFrom('contacts').where('user_id', '=', userId).where('deleted', '=', 0);
  if (filter.groupId !== null) query = query.where('contact_group_id', '=', filter.groupId);
  if (filter.unsubscribed !== null) query = query.where('unsubscribed', '=', filter.unsubscribed ? 1 : 0);
  if (filter.search !== null) {
    const pattern = containsPatternAsIs(filter.search);
    const matches = (column: 'first_name' | 'last_name' | 'email' | 'phone_number') => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    query = query.where((eb) => eb.or([matches('first_name'), matches('last_name'), matches('email'), matches('phone_number')]));
  }
  return query;
}

/** A window of a user's live contacts, oldest first (keyset on id), filtered. */
export function listContacts(db: Db, userId: number, filter: ContactFilter, window: Window): Promise<ContactRow[]> {
  return applyWindow(filteredContacts(db, userId, filter).selectAll(), ['id'], 'asc', window).execute();
}

/** How many live contacts of a user the filter keeps. */
export async function countContacts(db: Db, userId: number, filter: ContactFilter): Promise<number> {
  const row = await filteredContacts(db, userId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The same window (keyset on id, oldest first) of the live contacts of each group, in one
 * statement for all groups; each group's rows in the window's reading order.
 */
export function contactsOfGroups(db: Db, groupIds: readonly number[], window: Window): Promise<ContactRow[]> {
  let ranked = db
    .selectFrom('contacts')
    .selectAll()
    .select(rankWithin('contact_group_id', 'id', window))
    .where('contact_group_id', 'in', groupIds)
    .where('deleted', '=', 0);
  if (window.after) ranked = ranked.where('id', '>', window.after[0] as number);
  if (window.before) ranked = ranked.where('id', '<', window.before[0] as number);
  return windowOfEach(db, ranked, 'contact_group_id', window);
}

/** Live contacts per group, in one statement. */
export async function countContactsByGroups(db: Db, groupIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('contacts')
    .select(['contact_group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contact_group_id', 'in', groupIds)
    .where('deleted', '=', 0)
    .groupBy('contact_group_id')
    .execute();
  return new Map(rows.map((row) => [row.contact_group_id, Number(row.n)]));
}

/** A user's live contacts holding any of the emails or phone numbers, in statements of CHUNK values. */
export async function findContactsByEmailsOrPhones(db: Db, userId: number, emails: readonly string[], phones: readonly string[]): Promise<ContactRow[]> {
  const live = () => db.selectFrom('contacts').selectAll().where('user_id', '=', userId).where('deleted', '=', 0);
  const byEmail = await inChunks(emails, (part) => live().where('email', 'in', part).execute());
  const byPhone = await inChunks(phones, (part) => live().where('phone_number', 'in', part).execute());
  return [...new Map([...byEmail, ...byPhone].map((row) => [row.id, row])).values()];
}

/** Inserts contacts in statements of CHUNK rows; returns the new rows (in no particular order). */
export function insertContacts(db: Db, values: Insertable<Contacts>[]): Promise<ContactRow[]> {
  return inChunks(values, (part) => db.insertInto('contacts').values(part).returningAll().execute());
}

export function updateContactRow(db: Db, id: number, values: Updateable<Contacts>): Promise<ContactRow> {
  return db.updateTable('contacts').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks a live contact deleted; false when it was already deleted. */
export async function softDeleteContact(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db.updateTable('contacts').set({ deleted: 1, updated_at: now }).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks every live contact of a group deleted; returns their ids. */
export async function softDeleteContactsOfGroup(db: Db, groupId: number, now: string): Promise<number[]> {
  const rows = await db.updateTable('contacts').set({ deleted: 1, updated_at: now }).where('contact_group_id', '=', groupId).where('deleted', '=', 0).returning('id').execute();
  return rows.map((row) => row.id);
}
