/** The `follows.status` values: an approved follow, or a request waiting for the followed user. */
export const FOLLOW_STATE = { ACCEPTED: 'accepted', PENDING: 'pending' } as const;
export type FollowState = (typeof FOLLOW_STATE)[keyof typeof FOLLOW_STATE];

/** A follow as a list holds it: the other user and when the follow was made (the sort key, with the id). */
export interface FollowEdgeRow {
  id: number;
  created_at: string;
}
