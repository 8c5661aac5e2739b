import type { Kysely } from 'kysely';
import { applyWindow, type Window } from '../../../db/keyset';
import type { DB } from '../../../db/schema';
import { UserStatus } from '../../users/user-status';

type Db = Kysely<DB>;

/** The block between two users, whichever of them made it. */
export function blockBetween(db: Db, a: number, b: number): Promise<{ blocker_id: number } | undefined> {
  return db
    .selectFrom('blocks')
    .select('blocker_id')
    .where((eb) => eb.or([eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]), eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)])]))
    .executeTakeFirst();
}

/** Blocks a user; blocking twice changes nothing. Returns whether a row was added. */
export async function insertBlock(db: Db, blockerId: number, blockedId: number): Promise<boolean> {
  const result = await db
    .insertInto('blocks')
    .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteBlock(db: Db, blockerId: number, blockedId: number): Promise<boolean> {
  const result = await db.deleteFrom('blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A window of the users a user blocked, newest block first (keyset on created_at, id); deleted users left out. */
export function blockedUsersOf(db: Db, blockerId: number, window: Window): Promise<{ id: number; created_at: string }[]> {
  const query = db
    .selectFrom('blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blocked_id')
    .select(['b.blocked_id as id', 'b.created_at'])
    .where('b.blocker_id', '=', blockerId)
    .where('u.user_status', '!=', UserStatus.DELETED);
  return applyWindow(query, ['b.created_at', 'b.blocked_id'], 'desc', window).execute();
}

/** How many (live) users a user blocked. */
export async function countBlockedUsers(db: Db, blockerId: number): Promise<number> {
  const row = await db
    .selectFrom('blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blocked_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.blocker_id', '=', blockerId)
    .where('u.user_status', '!=', UserStatus.DELETED)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Block rows from any of `blockerIds` against any of `blockedIds`. */
export function blocksAmong(db: Db, blockerIds: readonly number[], blockedIds: readonly number[]) {
  return db.selectFrom('blocks').select(['blocker_id', 'blocked_id']).where('blocker_id', 'in', blockerIds).where('blocked_id', 'in', blockedIds).execute();
}
