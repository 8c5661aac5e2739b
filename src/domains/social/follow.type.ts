import { registerEnumType } from 'type-graphql';

/** Where a follow stands after a follow call. */
export enum FollowStatus {
  FOLLOWED = 'followed',
  UNFOLLOWED = 'unfollowed',
  REQUESTED = 'requested',
}
registerEnumType(FollowStatus, {
  name: 'FollowStatus',
  description: 'FOLLOWED: the viewer follows the user. REQUESTED: the user approves followers and has a pending request. UNFOLLOWED: neither.',
});

/** The `follows.status` values: an approved follow, or a request waiting for the followed user. */
export const FOLLOW_STATE = { ACCEPTED: 'accepted', PENDING: 'pending' } as const;
export type FollowState = (typeof FOLLOW_STATE)[keyof typeof FOLLOW_STATE];

/** Largest page of users a graph list returns. */
export const MAX_GRAPH_PAGE = 100;
