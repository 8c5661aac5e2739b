import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { applyWindow, type Window } from '../../db/keyset';
import { escapeLike } from '../../db/like';
import type { DB } from '../../db/schema';
import type { TagRow } from './tag.row';

type Mappings = ExpressionBuilder<DB & { m: DB['tag_mappings'] }, 'm'>;

/** A mapping to a post in one of the hidden boards, or to a comment or reply on one. */
function hiddenMapping(eb: Mappings, hiddenBoardIds: readonly number[]) {
  const onPostsIn = (table: 'comments' | 'replies') =>
    eb.selectFrom(table).innerJoin('posts', 'posts.id', `${table}.post_id`).select(`${table}.id`).where('posts.board_id', 'in', hiddenBoardIds);
  return eb.or([
    eb.and([eb('m.ref_type', '=', 'POST'), eb('m.ref_id', 'in', eb.selectFrom('posts').select('posts.id').where('posts.board_id', 'in', hiddenBoardIds))]),
    eb.and([eb('m.ref_type', '=', 'COMMENT'), eb('m.ref_id', 'in', onPostsIn('comments'))]),
    eb.and([eb('m.ref_type', '=', 'REPLY'), eb('m.ref_id', 'in', onPostsIn('replies'))]),
  ]);
}

/**
 * Leaves out the tags the reader only meets on content in boards they may not see: a tag shows when
 * it maps nothing (made by staff) or maps something outside the hidden boards.
 */
function seenTags<O>(query: SelectQueryBuilder<DB, 'tags', O>, hiddenBoardIds: readonly number[]): SelectQueryBuilder<DB, 'tags', O> {
  if (hiddenBoardIds.length === 0) return query;
  return query.where(({ or, not, exists, selectFrom }) => {
    const mappings = () => selectFrom('tag_mappings as m').select('m.tag_id').whereRef('m.tag_id', '=', 'tags.id');
    return or([not(exists(mappings())), exists(mappings().where((eb) => eb.not(hiddenMapping(eb, hiddenBoardIds))))]);
  });
}

/** The tags with these ids that the reader may see (one statement). */
export function findTagsByIds(db: Kysely<DB>, ids: readonly number[], hiddenBoardIds: readonly number[]): Promise<TagRow[]> {
  return seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds).where('id', 'in', ids.length > 0 ? [...ids] : [-1]).execute();
}

export function findTagById(db: Kysely<DB>, id: number, hiddenBoardIds: readonly number[]): Promise<TagRow | undefined> {
  return seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds).where('id', '=', id).executeTakeFirst();
}

/** Tags (all, or those with the given ids) by id or by name (then id), a window of them (keyset). */
export function listTags(
  db: Kysely<DB>,
  q: { ids: number[] | null; sortByName: boolean; order: 'asc' | 'desc'; window: Window; hiddenBoardIds: readonly number[] },
): Promise<TagRow[]> {
  let query = seenTags(db.selectFrom('tags').selectAll(), q.hiddenBoardIds);
  if (q.ids) query = query.where('id', 'in', q.ids.length > 0 ? q.ids : [-1]);
  return applyWindow(query, q.sortByName ? ['name', 'id'] : ['id'], q.order, q.window).execute();
}

/**
 * Tags whose name contains the text (matched literally, any case), prefix matches first (`rank` 0,
 * others 1), then by name: a window of them, keyset on (rank, name). Both sides lower-cased, as
 * PostgreSQL's LIKE heeds case where SQLite's does not.
 */
export function searchTags(db: Kysely<DB>, text: string, window: Window, hiddenBoardIds: readonly number[]): Promise<(TagRow & { rank: number })[]> {
  const escaped = escapeLike(text.toLowerCase());
  const rank = sql<number>`(case when lower(name) like ${`${escaped}%`} escape '\\' then 0 else 1 end)`;
  const query = seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds)
    .select(rank.as('rank'))
    .where(sql<boolean>`lower(name) like ${`%${escaped}%`} escape '\\'`);
  return applyWindow(query, [rank, 'name'], 'asc', window).execute();
}

/** The tags mapped most often since `since`, most first; ties go to the newer tag. Mappings in hidden boards do not count. */
export function trendingTags(db: Kysely<DB>, since: string, limit: number, hiddenBoardIds: readonly number[]): Promise<(TagRow & { recent: number })[]> {
  let query = db
    .selectFrom('tags')
    .innerJoin('tag_mappings as m', 'm.tag_id', 'tags.id')
    .selectAll('tags')
    .select((eb) => eb.fn.countAll<number>().as('recent'))
    .where('m.created_at', '>=', since);
  if (hiddenBoardIds.length > 0) query = query.where((eb) => eb.not(hiddenMapping(eb as unknown as Mappings, hiddenBoardIds)));
  return query
    .groupBy('tags.id')
    .orderBy('recent', 'desc')
    .orderBy('tags.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many of each tag's mappings are in the hidden boards (tags with none are left out). */
export async function hiddenUses(db: Kysely<DB>, tagIds: readonly number[], hiddenBoardIds: readonly number[]): Promise<Map<number, number>> {
  if (tagIds.length === 0 || hiddenBoardIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tag_mappings as m')
    .select(['m.tag_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('m.tag_id', 'in', tagIds)
    .where((eb) => hiddenMapping(eb as unknown as Mappings, hiddenBoardIds))
    .groupBy('m.tag_id')
    .execute();
  return new Map(rows.map((row) => [row.tag_id, Number(row.n)]));
}
