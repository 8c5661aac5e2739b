import { RequestLoader } from '../../../graphql/batch';
import type { Database } from '../../../db/connection';
import { blocksAmong } from './block.repository';
import type { Window } from '../../../db/keyset';
import { countFollows, type FollowSide, followPages, followsAmong } from './follow.repository';
import type { FollowEdgeRow, FollowState } from './follow.row';

/** A key of two user ids, `a:b`. */
export const pairKey = (a: number, b: number) => `${a}:${b}`;

function splitPairs(keys: readonly string[]): { left: number[]; right: number[] } {
  const pairs = keys.map((key) => key.split(':').map(Number));
  return { left: [...new Set(pairs.map((p) => p[0]))], right: [...new Set(pairs.map((p) => p[1]))] };
}

/** A follow list's window for one user, as a loader key: the user id and the window. */
export const followPageKey = (userId: number, window: Window) => `${userId}|${JSON.stringify(window)}`;

/** Windows of follow rows keyed by `followPageKey`: one windowed query per distinct window in a batch. */
function pageLoader(db: Database, side: FollowSide) {
  return new RequestLoader<string, FollowEdgeRow[]>(async (keys) => {
    const parsed = keys.map((key) => {
      const at = key.indexOf('|');
      return { owner: Number(key.slice(0, at)), window: key.slice(at + 1) };
    });
    const lists = new Map<string, FollowEdgeRow[]>();
    for (const window of new Set(parsed.map((p) => p.window))) {
      const owners = parsed.filter((p) => p.window === window).map((p) => p.owner);
      for (const row of await followPages(db, side, owners, JSON.parse(window) as Window)) {
        const key = `${row.owner}|${window}`;
        lists.set(key, [...(lists.get(key) ?? []), { id: row.id, created_at: row.created_at }]);
      }
    }
    return keys.map((key) => lists.get(key) ?? []);
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
    /** A window of a user's followers, newest first, keyed by `followPageKey`. */
    followerIds: pageLoader(db, 'followers'),
    /** A window of the users a user follows, newest first, keyed by `followPageKey`. */
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
