import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Window } from '../../../db/keyset';
import type { DB } from '../../../db/schema';
import { ENTITY_STATUS } from '../../content/content-status';
import { FOLLOW_STATE } from './follow.row';
import type { ActivityRow } from './activity.row';

type Db = Kysely<DB>;

export interface ActivityDraft {
  userId: number;
  type: string;
  refType: string;
  refId: number;
}

export async function insertActivity(db: Db, a: ActivityDraft): Promise<void> {
  await db.insertInto('activities').values({ user_id: a.userId, activity_type: a.type, ref_type: a.refType, ref_id: a.refId, created_at: new Date().toISOString() }).execute();
}

export async function deleteActivities(db: Db, a: ActivityDraft): Promise<void> {
  await db.deleteFrom('activities').where('user_id', '=', a.userId).where('activity_type', '=', a.type).where('ref_type', '=', a.refType).where('ref_id', '=', a.refId).execute();
}

const ACTIVE = ENTITY_STATUS.ACTIVE;
const DELETED = ENTITY_STATUS.DELETED;

/**
 * A window of the activities of the viewer and the users they follow, newest first (keyset on id). Only what
 * still stands shows: a follow that was undone, a reaction taken back, deleted content, board posts
 * and follows of a user blocked either way with the viewer are left out. `post_id` is the post an
 * activity is about (the post of a comment or reply).
 */
export async function listActivities(db: Db, viewerId: number, window: Window): Promise<ActivityRow[]> {
  const after = window.after ? sql`and a.id < ${window.after[0]}` : sql``;
  const before = window.before ? sql`and a.id > ${window.before[0]}` : sql``;
  const order = window.backward ? sql`asc` : sql`desc`;
  return visibleActivities(db, viewerId, sql`${after} ${before}`, sql`order by a.id ${order} limit ${window.size + 1} offset ${window.offset}`);
}

/** The activities among `ids` that the viewer's activities list shows (the same rule), in no order. */
export function visibleActivitiesByIds(db: Db, viewerId: number, ids: readonly number[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return visibleActivities(db, viewerId, sql`and a.id in (${sql.join(ids)})`, sql``);
}

async function visibleActivities(db: Db, viewerId: number, narrow: RawBuilder<unknown>, tail: RawBuilder<unknown>): Promise<ActivityRow[]> {
  const result = await sql<ActivityRow>`
    select a.*, case a.ref_type when 'POST' then a.ref_id when 'COMMENT' then c.post_id when 'REPLY' then r.post_id end as post_id
    from activities a
    left join comments c on a.ref_type = 'COMMENT' and c.id = a.ref_id
    left join replies r on a.ref_type = 'REPLY' and r.id = a.ref_id
    left join posts p on p.id = case a.ref_type when 'POST' then a.ref_id when 'COMMENT' then c.post_id when 'REPLY' then r.post_id end
    where (a.user_id = ${viewerId} or a.user_id in (select following_id from follows where follower_id = ${viewerId} and status = ${FOLLOW_STATE.ACCEPTED}))
      ${narrow}
      and (
        (a.ref_type = 'USER'
          and exists (select 1 from follows f where f.follower_id = a.user_id and f.following_id = a.ref_id and f.status = ${FOLLOW_STATE.ACCEPTED})
          and not exists (select 1 from blocks b where (b.blocker_id = ${viewerId} and b.blocked_id = a.ref_id) or (b.blocker_id = a.ref_id and b.blocked_id = ${viewerId})))
        or (a.ref_type in ('POST', 'COMMENT', 'REPLY') and p.post_status = ${ACTIVE} and p.board_id is null
          and (a.ref_type != 'COMMENT' or c.comment_status != ${DELETED})
          and (a.ref_type != 'REPLY' or r.status != ${DELETED}))
      )
      and (a.activity_type != 'reaction'
        or exists (select 1 from reactions x where x.user_id = a.user_id and x.ref_type = a.ref_type and x.ref_id = a.ref_id))
    ${tail}`.execute(db);
  return result.rows;
}
