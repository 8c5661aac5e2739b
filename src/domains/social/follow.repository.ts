import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { UserStatus } from '../users/user-status';
import { FOLLOW_STATE, type FollowState } from './follow.type';

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
 * One page of accepted follows for each of many users, newest first, in one windowed query:
 * `owner` is the user asked about, `other` the follower (or followed user). Deleted users are left out.
 */
export async function followPages(db: Db, side: FollowSide, userIds: readonly number[], limit: number, offset: number): Promise<{ owner: number; other: number }[]> {
  const owner = sql.ref(`f.${OWNER[side]}`);
  const other = sql.ref(`f.${OTHER[side]}`);
  const ranked = db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', `f.${OTHER[side]}`)
    .select([
      sql<number>`${owner}`.as('owner'),
      sql<number>`${other}`.as('other'),
      sql<number>`row_number() over (partition by ${owner} order by f.created_at desc, ${other} desc)`.as('rn'),
    ])
    .where(`f.${OWNER[side]}`, 'in', userIds)
    .where('f.status', '=', FOLLOW_STATE.ACCEPTED)
    .where('u.user_status', '!=', UserStatus.DELETED);
  return db
    .selectFrom(ranked.as('r'))
    .select(['r.owner', 'r.other'])
    .where('r.rn', '>', offset)
    .where('r.rn', '<=', offset + limit)
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
  return db
    .selectFrom('follows')
    .select(['follower_id', 'following_id', 'status'])
    .where('follower_id', 'in', followerIds)
    .where('following_id', 'in', followingIds)
    .execute();
}

/** Users with a pending request to follow `userId`, newest first. */
export async function pendingRequesterIds(db: Db, userId: number, limit: number, offset: number): Promise<number[]> {
  const rows = await db
    .selectFrom('follows as f')
    .innerJoin('users as u', 'u.id', 'f.follower_id')
    .select('f.follower_id')
    .where('f.following_id', '=', userId)
    .where('f.status', '=', FOLLOW_STATE.PENDING)
    .where('u.user_status', '!=', UserStatus.DELETED)
    .orderBy('f.created_at', 'desc')
    .orderBy('f.follower_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => row.follower_id);
}
