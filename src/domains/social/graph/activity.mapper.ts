import type { ActivityRow } from './activity.row';
import type { Activity, ActivitySubject, ActivityType } from './activity.type';

export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.activity_type as ActivityType,
    refType: (row.ref_type ?? '') as ActivitySubject,
    refId: row.ref_id ?? 0,
    postId: row.post_id === null ? null : Number(row.post_id),
    createdAt: new Date(row.created_at),
  };
}
