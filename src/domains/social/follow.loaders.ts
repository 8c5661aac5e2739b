import { RequestLoader } from '../../graphql/batch';
import type { Database } from '../../db/connection';
import { blocksAmong } from './block.repository';
import { countFollows, type FollowSide, followPages, followsAmong } from './follow.repository';
import type { FollowState } from './follow.type';

/** A key of two user ids, `a:b`. */
export const pairKey = (a: number, b: number) => `${a}:${b}`;

function splitPairs(keys: readonly string[]): { left: number[]; right: number[] } {
  const pairs = keys.map((key) => key.split(':').map(Number));
  return { left: [...new Set(pairs.map((p) => p[0]))], right: [...new Set(pairs.map((p) => p[1]))] };
}

/** Pages of ids keyed `userId:limit:offset`: one windowed query per distinct page size in a batch. */
function pageLoader(db: Database, side: FollowSide) {
  return new RequestLoader<string, number[]>(async (keys) => {
    const parsed = keys.map((key) => key.split(':').map(Number));
    const pages = new Map<string, number[]>();
    for (const window of new Set(parsed.map(([, limit, offset]) => `${limit}:${offset}`))) {
      const [limit, offset] = window.split(':').map(Number);
      const owners = parsed.filter(([, l, o]) => l === limit && o === offset).map(([id]) => id);
      for (const row of await followPages(db, side, owners, limit, offset)) {
        const key = `${row.owner}:${window}`;
        pages.set(key, [...(pages.get(key) ?? []), row.other]);
      }
    }
    return keys.map((key) => pages.get(key) ?? []);
  });
}

function countLoader(db: Database, side: FollowSide) {
  return new RequestLoader<number, number>(async (ids) => {
    const counts = await countFollows(db, side, ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/** Per-request loaders of the social graph: follower pages and counts, follow states and blocks between users. */
export function createFollowLoaders(db: Database) {
  return {
    /** Follower ids of a user, newest first, keyed `userId:limit:offset`. */
    followerIds: pageLoader(db, 'followers'),
    /** Ids of the users a user follows, keyed `userId:limit:offset`. */
    followingIds: pageLoader(db, 'following'),
    followerCount: countLoader(db, 'followers'),
    followingCount: countLoader(db, 'following'),
    /** The follow (accepted or pending) of one user towards another, keyed `followerId:followingId`. */
    followState: new RequestLoader<string, FollowState | null>(async (keys) => {
      const { left, right } = splitPairs(keys);
      const rows = await followsAmong(db, left, right);
      const states = new Map(rows.map((row) => [pairKey(row.follower_id, row.following_id), row.status as FollowState]));
      return keys.map((key) => states.get(key) ?? null);
    }),
    /** Whether one user blocked another, keyed `blockerId:blockedId`. */
    blocked: new RequestLoader<string, boolean>(async (keys) => {
      const { left, right } = splitPairs(keys);
      const rows = await blocksAmong(db, left, right);
      const blocks = new Set(rows.map((row) => pairKey(row.blocker_id, row.blocked_id)));
      return keys.map((key) => blocks.has(key));
    }),
  };
}
