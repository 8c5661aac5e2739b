import type { SocialActivityFragment, SocialNearbyUserFragment } from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { LegacyError } from '../route';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The activity fields the social operations select (with SOCIAL_USER_FIELDS). */
export const SOCIAL_ACTIVITY_FIELDS = /* GraphQL */ `
  fragment SocialActivity on Activity { id: databaseId userId: userDatabaseId type refType refId: refDatabaseId postId: postDatabaseId createdAt user { ...SocialUser } }
`;

/** The nearby-user fields the social operations select (with SOCIAL_USER_FIELDS): an edge of nearbyUsers, its node as `user`. */
export const SOCIAL_NEARBY_USER_FIELDS = /* GraphQL */ `
  fragment SocialNearbyUser on NearbyUserEdge { distance user: node { ...SocialUser } }
`;

const idOf = (activity: SocialActivityFragment, refType: string) => (activity.refType === refType ? String(activity.refId) : '0');

/**
 * An activity in WoWonder's keys: ids and times as strings, the id of what it is about under
 * post_id / comment_id / reply_id / follow_id ('0' where it does not apply), the actor as `activator`.
 */
export function socialActivity(activity: SocialActivityFragment): Record<string, unknown> {
  return {
    id: String(activity.id),
    user_id: String(activity.userId),
    activity_type: activity.type.toLowerCase(),
    post_id: String(activity.postId ?? 0),
    comment_id: idOf(activity, 'COMMENT'),
    reply_id: idOf(activity, 'REPLY'),
    follow_id: idOf(activity, 'USER'),
    time: unixTime(activity.createdAt),
    activator: socialUser(activity.user),
  };
}

/** A nearby user: the `user_data` fields (with lat and lng) and `distance` in km, as a string with at most two decimals. */
export function socialNearbyUser(nearby: SocialNearbyUserFragment): Record<string, unknown> {
  return { ...socialUser(nearby.user), distance: String(Math.round(nearby.distance * 100) / 100) };
}

/** A legacy `limit` (1 to 100, `fallback` when not sent), refused in the social API's words; it becomes the connection's `first`. */
export function legacyLimit(value: unknown, fallback: number): number {
  const limit = (value as number | undefined) ?? fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new LegacyError(ErrorCode.BadUserInput, 'limit must be between 1 and 100');
  return limit;
}

/**
 * The nearby filter's rules, in the words GraphQL's input validation gives, checked before a position
 * is stored (the filter reaches the operation only in the nearbyUsers field read after setLocation).
 */
export function checkNearbyFilter(filter: { distance: unknown; keyword: unknown }): void {
  const bad = (message: string) => new LegacyError(ErrorCode.BadUserInput, message);
  if (typeof filter.distance === 'number' && filter.distance < 0.001) throw bad('distance must not be less than 0.001');
  if (typeof filter.distance === 'number' && filter.distance > 20_040) throw bad('distance must not be greater than 20040');
  if (typeof filter.keyword === 'string' && filter.keyword.length > 100) throw bad('keyword must be shorter than or equal to 100 characters');
}
