import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, Groups } from '../../../db/schema';
import { type GroupOfUser, type GroupRow, MEMBER_STATUS } from './group.row';
import { applyWindow, type Window } from '../../../db/keyset';
import { windowOfEach, windowParts } from '../../../db/ranked-window';

type Db = Kysely<DB>;

export function findGroupsByIds(db: Db, ids: readonly number[]): Promise<GroupRow[]> {
  return db.selectFrom('groups').selectAll().where('id', 'in', ids).execute();
}

export function findGroupById(db: Db, id: number): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGroupByName(db: Db, name: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('group_name_key', '=', name.toLowerCase()).executeTakeFirst();
}

/** Inserts a group unless its name is taken; undefined when it is. */
export function insertGroup(db: Db, values: Insertable<Groups>): Promise<GroupRow | undefined> {
  return db
    .insertInto('groups')
    .values(values)
    .onConflict((oc) => oc.column('group_name_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateGroupRow(db: Db, id: number, values: Updateable<Groups>): Promise<GroupRow> {
  return db.updateTable('groups').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Groups newest first (by id), optionally of one owner and/or with one active member: one window. */
export function listGroups(db: Db, q: { ownerId: number | null; memberId: number | null }, window: Window): Promise<GroupRow[]> {
  let query = db.selectFrom('groups').selectAll('groups');
  if (q.ownerId !== null) query = query.where('groups.owner_id', '=', q.ownerId);
  if (q.memberId !== null) {
    const memberId = q.memberId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('group_members as m').select('m.group_id').whereRef('m.group_id', '=', 'groups.id').where('m.user_id', '=', memberId).where('m.status', '=', MEMBER_STATUS.ACTIVE)),
    );
  }
  return applyWindow(query, ['groups.id'], 'desc', window).execute();
}

/** A window of the groups each user is an active member of, most recently joined first (`joined_at`, then id), in one statement. */
export async function memberGroupsOfUsers(db: Db, userIds: readonly number[], window: Window): Promise<GroupOfUser[]> {
  const { conditions, order } = windowParts(['m.created_at', 'g.id'], 'desc', window);
  const ranked = db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .selectAll('g')
    .select(['m.user_id as for_user_id', 'm.created_at as joined_at', sql<number>`row_number() over (partition by m.user_id order by ${order})`.as('rank')])
    .where('m.user_id', 'in', userIds)
    .where('m.status', '=', MEMBER_STATUS.ACTIVE)
    .where((eb) => eb.and(conditions));
  return windowOfEach(db, ranked, 'for_user_id', window);
}

/** A window of the groups each user owns, newest first, in one statement. */
export async function ownedGroupsOfUsers(db: Db, userIds: readonly number[], window: Window): Promise<GroupOfUser[]> {
  const { conditions, order } = windowParts(['id'], 'desc', window);
  const ranked = db
    .selectFrom('groups')
    .selectAll()
    .select(['owner_id as for_user_id', sql<number>`row_number() over (partition by owner_id order by ${order})`.as('rank')])
    .where('owner_id', 'in', userIds)
    .where((eb) => eb.and(conditions));
  return windowOfEach(db, ranked, 'for_user_id', window);
}

/** A user's membership status in each of the groups where they have one. */
export async function membershipsOf(db: Db, userId: number, groupIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db.selectFrom('group_members').select(['group_id', 'status']).where('user_id', '=', userId).where('group_id', 'in', groupIds).execute();
  return new Map(rows.map((row) => [row.group_id, row.status]));
}

export async function findMembership(db: Db, groupId: number, userId: number): Promise<string | null> {
  const row = await db.selectFrom('group_members').select('status').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  return row?.status ?? null;
}

/** Adds a membership; false when the user already has one. */
export async function insertMembership(db: Db, groupId: number, userId: number, status: string): Promise<boolean> {
  const row = await db
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, status, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
    .returning('group_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a membership; returns the status it had, or null when there was none. */
export async function deleteMembership(db: Db, groupId: number, userId: number): Promise<string | null> {
  const row = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).returning('status').executeTakeFirst();
  return row?.status ?? null;
}

/** Lets every pending request of a group in; returns the users let in. */
export async function approvePending(db: Db, groupId: number): Promise<number[]> {
  const rows = await db.updateTable('group_members').set({ status: MEMBER_STATUS.ACTIVE }).where('group_id', '=', groupId).where('status', '=', MEMBER_STATUS.PENDING).returning('user_id').execute();
  return rows.map((row) => row.user_id);
}

export async function addToMemberCount(db: Db, groupId: number, delta: number): Promise<void> {
  await db
    .updateTable('groups')
    .set((eb) => ({ member_count: eb('member_count', '+', delta) }))
    .where('id', '=', groupId)
    .execute();
}
