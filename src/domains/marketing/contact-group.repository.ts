import type { Insertable, Kysely } from 'kysely';
import { applyWindow, type Window } from '../../db/keyset';
import type { ContactGroups, DB } from '../../db/schema';
import type { ContactGroupRow } from './contact-group.row';

type Db = Kysely<DB>;

/** Groups that are not deleted, by id, whoever owns them (callers check the owner). */
export function findLiveGroupsByIds(db: Db, ids: readonly number[]): Promise<ContactGroupRow[]> {
  return db.selectFrom('contact_groups').selectAll().where('id', 'in', ids).where('deleted', '=', 0).execute();
}

/** A user's group that is not deleted. */
export function findLiveGroup(db: Db, id: number, userId: number): Promise<ContactGroupRow | undefined> {
  return db.selectFrom('contact_groups').selectAll().where('id', '=', id).where('user_id', '=', userId).where('deleted', '=', 0).executeTakeFirst();
}

const groupsOfUser = (db: Db, userId: number) => db.selectFrom('contact_groups').where('user_id', '=', userId).where('deleted', '=', 0);

/** A window of a user's groups that are not deleted, oldest first (keyset on id). */
export function listGroupsOfUser(db: Db, userId: number, window: Window): Promise<ContactGroupRow[]> {
  return applyWindow(groupsOfUser(db, userId).selectAll(), ['id'], 'asc', window).execute();
}

/** How many groups a user has that are not deleted. */
export async function countGroupsOfUser(db: Db, userId: number): Promise<number> {
  return Number(
    (
      await groupsOfUser(db, userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export function insertGroup(db: Db, values: Insertable<ContactGroups>): Promise<ContactGroupRow> {
  return db.insertInto('contact_groups').values(values).returningAll().executeTakeFirstOrThrow();
}

export function renameGroup(db: Db, id: number, name: string, now: string): Promise<ContactGroupRow> {
  return db.updateTable('contact_groups').set({ name, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks a live group deleted; false when it was already deleted. */
export async function softDeleteGroup(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db.updateTable('contact_groups').set({ deleted: 1, updated_at: now }).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether any contact group exists at all (deleted ones too). */
export async function anyContactGroup(db: Db): Promise<boolean> {
  return (await db.selectFrom('contact_groups').select('id').limit(1).executeTakeFirst()) !== undefined;
}
