import { type Kysely, sql } from 'kysely';
import { applyWindow, type Window } from '../../../db/keyset';
import type { DB } from '../../../db/schema';
import { UserStatus } from '../../users/user-status';
import { FOLLOW_STATE, type FollowEdgeRow, type FollowState } from './follow.row';

type Db = Kysely<DB>;

/** Which end of a follow a list is about: a user's followers, or the users they follow. */
export type FollowSide = 'followers' | 'following';

const OWNER = { followers: 'following_id', following: 'follower_id' } as const;
const OTHER = { followers: 'follower_id', following: 'following_id' } as const;

export function findFollow(db: Db, followerId: number, followingId: number) {
  return db.selectFrom('follows').selectAll().where('follower_id', '=', followerId).where('following_id', '=', followingId).executeTakeFirst();
}

/** Adds a follow or a request; false when one already exists (a concurrent follow won). */
export async function insertFollow(db: Db, followerId: number, followingId: number, status: FollowState): Promise<boolean> {
  const result = await db
    .insertInto('follows')
    .values({ follower_id: followerId, following_id: followingId, status, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['follower_id', 'following_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteFollow(db: Db, followerId: number, followingId: number): Promise<boolean> {
  const result = await db.deleteFrom('follows').where('follower_id', '=', followerId).where('following_id', '=', followingId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function acceptFollow(db: Db, followerId: number, followingId: number): Promise<void> {
  await db.updateTable('follows').set({ status: FOLLOW_STATE.ACCEPTED }).where('follower_id', '=', followerId).where('following_id', '=', followingId).execute();
}

/** Removes follows and requests both ways between two users. */
export async function deleteFollowsBetween(db: Db, a: number, b: number): Promise<void> {
  await db
    .deleteFrom('follows')
    .where((eb) => eb.or([eb.and([eb('follower_id', '=', a), eb('following_id', '=', b)]), eb.and([eb('follower_id', '=', b), eb('following_id', '=', a)])]))
    .execute();
}

/**
 * One window of accepted follows for each of many users, newest first, in one windowed query:
 * `owner` is the user asked about, `id` the follower (or followed user). Deleted users are left out.
 * Keyset on (created_at, id) descending; each owner's rows come in the window's order.
 */
export async function followPages(db: Db, side: FollowSide, userIds: readonly number[], window: Window): Promise<(FollowEdgeRow & { owner: number })[]> {
  const owner = sql.ref(`f.${OWNER[side]}`);
  const other = sql.ref(`f.${OTHER[side]}`);
  const order = window.backward ? sql`asc` : sql`desc`;
  let ranked = db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', `f.${OTHER[side]}`)
    .select([
      sql<number>`${owner}`.as('owner'),
      sql<number>`${other}`.as('id'),
      'f.created_at',
      sql<number>`row_number() over (partition by ${owner} order by f.created_at ${order}, ${other} ${order})`.as('rn'),
    ])
    .where(`f.${OWNER[side]}`, 'in', userIds)
    .where('f.status', '=', FOLLOW_STATE.ACCEPTED)
    .where('u.user_status', '!=', UserStatus.DELETED);
  if (window.after) ranked = ranked.where(sql<boolean>`(f.created_at, ${other}) < (${window.after[0]}, ${window.after[1]})`);
  if (window.before) ranked = ranked.where(sql<boolean>`(f.created_at, ${other}) > (${window.before[0]}, ${window.before[1]})`);
  return db
    .selectFrom(ranked.as('r'))
    .select(['r.owner', 'r.id', 'r.created_at'])
    .where('r.rn', '>', window.offset)
    .where('r.rn', '<=', window.offset + window.size + 1)
    .orderBy('r.owner')
    .orderBy('r.rn')
    .execute();
}

/** Accepted follows per user (followers or followed), deleted users not counted. */
export async function countFollows(db: Db, side: FollowSide, userIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', `f.${OTHER[side]}`)
    .select([sql<number>`${sql.ref(`f.${OWNER[side]}`)}`.as('owner'), (eb) => eb.fn.countAll<number>().as('n')])
    .where(`f.${OWNER[side]}`, 'in', userIds)
    .where('f.status', '=', FOLLOW_STATE.ACCEPTED)
    .where('u.user_status', '!=', UserStatus.DELETED)
    .groupBy(`f.${OWNER[side]}`)
    .execute();
  return new Map(rows.map((row) => [Number(row.owner), Number(row.n)]));
}

/** Follow rows among pairs of users: every follower of `followerIds` towards every one of `followingIds`. */
export function followsAmong(db: Db, followerIds: readonly number[], followingIds: readonly number[]) {
  return db.selectFrom('follows').select(['follower_id', 'following_id', 'status']).where('follower_id', 'in', followerIds).where('following_id', 'in', followingIds).execute();
}

/** A window of the users with a pending request to follow `userId`, newest request first (keyset on created_at, id). */
export function pendingRequesters(db: Db, userId: number, window: Window): Promise<FollowEdgeRow[]> {
  const query = db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', 'f.follower_id')
    .select(['f.follower_id as id', 'f.created_at'])
    .where('f.following_id', '=', userId)
    .where('f.status', '=', FOLLOW_STATE.PENDING)
    .where('u.user_status', '!=', UserStatus.DELETED);
  return applyWindow(query, ['f.created_at', 'f.follower_id'], 'desc', window).execute();
}

/** How many users wait for `userId` to answer their follow request. */
export async function countPendingRequesters(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', 'f.follower_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('f.following_id', '=', userId)
    .where('f.status', '=', FOLLOW_STATE.PENDING)
    .where('u.user_status', '!=', UserStatus.DELETED)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
