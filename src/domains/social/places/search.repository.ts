import { type Kysely, sql } from 'kysely';
import { applyWindow, type Window } from '../../../db/keyset';
import type { DB } from '../../../db/schema';
import type { UserRow } from '../../users/user.row';
import { UserStatus } from '../../users/user-status';
import type { GroupRow } from './group.row';
import type { PageRow } from './page.row';

type Db = Kysely<DB>;

/** One list of a search: matches of `pattern`, a window of them by id, highest first. */
export interface SearchWindow {
  pattern: string;
  window: Window;
}

const like = (column: string, pattern: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

/**
 * Users whose username, first, last or full name contains the text; never deleted users, and for a
 * viewer never users either of the two has blocked.
 */
export function searchUsers(db: Db, w: SearchWindow & { gender: string | null; viewerId: number | null }): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .where('user_status', '!=', UserStatus.DELETED)
    .where((eb) =>
      eb.or([like('username_key', w.pattern), like('first_name', w.pattern), like('last_name', w.pattern), sql<boolean>`lower(first_name || ' ' || last_name) like ${w.pattern} escape '\\'`]),
    );
  if (w.gender) query = query.where('gender', '=', w.gender);
  if (w.viewerId !== null) {
    const viewerId = w.viewerId;
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('blocks')
            .select('blocker_id')
            .where((b) => b.or([b.and([b('blocker_id', '=', viewerId), b('blocked_id', '=', b.ref('users.id'))]), b.and([b('blocker_id', '=', b.ref('users.id')), b('blocked_id', '=', viewerId)])])),
        ),
      ),
    );
  }
  return applyWindow(query, ['id'], 'desc', w.window).execute();
}

/** Pages whose name or title contains the text. */
export function searchPages(db: Db, w: SearchWindow): Promise<PageRow[]> {
  const query = db
    .selectFrom('pages')
    .selectAll()
    .where((eb) => eb.or([like('page_name_key', w.pattern), like('page_title', w.pattern)]));
  return applyWindow(query, ['id'], 'desc', w.window).execute();
}

/** Groups whose name or title contains the text. */
export function searchGroups(db: Db, w: SearchWindow): Promise<GroupRow[]> {
  const query = db
    .selectFrom('groups')
    .selectAll()
    .where((eb) => eb.or([like('group_name_key', w.pattern), like('group_title', w.pattern)]));
  return applyWindow(query, ['id'], 'desc', w.window).execute();
}
