import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, Reactions } from '../../db/schema';

type Db = Kysely<DB>;

/** A user's reaction to one target (its id and slot), if any. */
export function findReaction(db: Db, userId: number, refType: string, refId: number): Promise<{ id: number; slot: number } | undefined> {
  return db.selectFrom('reactions').select(['id', 'slot']).where('user_id', '=', userId).where('ref_type', '=', refType).where('ref_id', '=', refId).executeTakeFirst();
}

/** The reactions in the given slots of the given targets, latest first. */
export function findReactionsInSlots(db: Db, refs: readonly { refType: string; refId: number; slot: number }[]) {
  return db
    .selectFrom('reactions')
    .select(['user_id', 'ref_type', 'ref_id', 'slot'])
    .where((eb) => eb.or(refs.map((ref) => eb.and([eb('ref_type', '=', ref.refType), eb('ref_id', '=', ref.refId), eb('slot', '=', ref.slot)]))))
    .orderBy('id', 'desc')
    .execute();
}

/** The reactions of the given users to the given targets. */
export function findReactionsOfUsers(db: Db, refs: readonly { userId: number; refType: string; refId: number }[]) {
  return db
    .selectFrom('reactions')
    .select(['user_id', 'ref_type', 'ref_id', 'slot'])
    .where((eb) => eb.or(refs.map((ref) => eb.and([eb('user_id', '=', ref.userId), eb('ref_type', '=', ref.refType), eb('ref_id', '=', ref.refId)]))))
    .execute();
}

export async function insertReaction(db: Db, values: Insertable<Reactions>): Promise<void> {
  await db.insertInto('reactions').values(values).execute();
}

export async function setReactionSlot(db: Db, id: number, slot: number): Promise<void> {
  await db.updateTable('reactions').set({ slot }).where('id', '=', id).execute();
}

export async function deleteReaction(db: Db, id: number): Promise<void> {
  await db.deleteFrom('reactions').where('id', '=', id).execute();
}

/**
 * Adds `by` to one reaction counter of a post, comment or reply. The column name must come from
 * code (react_count, react_s1…react_s6), never from input.
 */
export async function addToReactionCounter(db: Db, table: 'posts' | 'comments' | 'replies', id: number, column: string, by: 1 | -1): Promise<void> {
  await db
    .updateTable(table)
    .set({ [column]: sql`${sql.ref(column)} + ${by}` })
    .where('id', '=', id)
    .execute();
}
