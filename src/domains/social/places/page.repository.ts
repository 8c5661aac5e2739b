import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, Pages } from '../../../db/schema';
import type { PageOfUser, PageRow } from './page.row';
import { applyWindow, type Window } from '../../../db/keyset';
import { windowOfEach, windowParts } from '../../../db/ranked-window';

type Db = Kysely<DB>;

export function findPagesByIds(db: Db, ids: readonly number[]): Promise<PageRow[]> {
  return db.selectFrom('pages').selectAll().where('id', 'in', ids).execute();
}

export function findPageById(db: Db, id: number): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPageByName(db: Db, name: string): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('page_name_key', '=', name.toLowerCase()).executeTakeFirst();
}

/** Inserts a page unless its name is taken; undefined when it is. */
export function insertPage(db: Db, values: Insertable<Pages>): Promise<PageRow | undefined> {
  return db
    .insertInto('pages')
    .values(values)
    .onConflict((oc) => oc.column('page_name_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updatePageRow(db: Db, id: number, values: Updateable<Pages>): Promise<PageRow> {
  return db.updateTable('pages').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Pages newest first (by id), of one owner or of everyone, optionally only promoted ones: one window. */
export function listPages(db: Db, q: { ownerId: number | null; promoted: boolean }, window: Window): Promise<PageRow[]> {
  let query = db.selectFrom('pages').selectAll();
  if (q.ownerId !== null) query = query.where('owner_id', '=', q.ownerId);
  if (q.promoted) query = query.where('promoted', '=', 1);
  return applyWindow(query, ['id'], 'desc', window).execute();
}

/** A window of the pages each user likes, most recently liked first (`liked_at`, then id), in one statement for all users. */
export async function likedPagesOfUsers(db: Db, userIds: readonly number[], window: Window): Promise<PageOfUser[]> {
  const { conditions, order } = windowParts(['l.created_at', 'p.id'], 'desc', window);
  const ranked = db
    .selectFrom('page_likes as l')
    .innerJoin('pages as p', 'p.id', 'l.page_id')
    .selectAll('p')
    .select(['l.user_id as for_user_id', 'l.created_at as liked_at', sql<number>`row_number() over (partition by l.user_id order by ${order})`.as('rank')])
    .where('l.user_id', 'in', userIds)
    .where((eb) => eb.and(conditions));
  return windowOfEach(db, ranked, 'for_user_id', window);
}

/** A window of the pages each user owns, newest first, in one statement for all users. */
export async function ownedPagesOfUsers(db: Db, userIds: readonly number[], window: Window): Promise<PageOfUser[]> {
  const { conditions, order } = windowParts(['id'], 'desc', window);
  const ranked = db
    .selectFrom('pages')
    .selectAll()
    .select(['owner_id as for_user_id', sql<number>`row_number() over (partition by owner_id order by ${order})`.as('rank')])
    .where('owner_id', 'in', userIds)
    .where((eb) => eb.and(conditions));
  return windowOfEach(db, ranked, 'for_user_id', window);
}

/** Which of the pages a user likes. */
export async function likedPageIds(db: Db, userId: number, pageIds: readonly number[]): Promise<number[]> {
  const rows = await db.selectFrom('page_likes').select('page_id').where('user_id', '=', userId).where('page_id', 'in', pageIds).execute();
  return rows.map((row) => row.page_id);
}

/** Adds a like; false when the user already liked the page. */
export async function insertLike(db: Db, pageId: number, userId: number): Promise<boolean> {
  const row = await db
    .insertInto('page_likes')
    .values({ page_id: pageId, user_id: userId, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['page_id', 'user_id']).doNothing())
    .returning('page_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a like; false when there was none. */
export async function deleteLike(db: Db, pageId: number, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('page_likes').where('page_id', '=', pageId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function addToLikeCount(db: Db, pageId: number, delta: 1 | -1): Promise<void> {
  await db
    .updateTable('pages')
    .set((eb) => ({ like_count: eb('like_count', '+', delta) }))
    .where('id', '=', pageId)
    .execute();
}
