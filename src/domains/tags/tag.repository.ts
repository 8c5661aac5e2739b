import { type ExpressionBuilder, type Insertable, type Kysely, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import { type Columns, selectColumns } from '../../db/columns';
import { applyWindow, type Window } from '../../db/keyset';
import { escapeLike } from '../../db/like';
import type { DB, Tags } from '../../db/schema';
import type { TagRow } from './tag.row';

type Db = Kysely<DB>;

type Mappings = ExpressionBuilder<DB & { m: DB['tag_mappings'] }, 'm'>;

/** A mapping to a post in one of the hidden boards, or to a comment or reply on one. */
function hiddenMapping(eb: Mappings, hiddenBoardIds: readonly number[]) {
  const onPostsIn = (table: 'comments' | 'replies') => eb.selectFrom(table).innerJoin('posts', 'posts.id', `${table}.post_id`).select(`${table}.id`).where('posts.board_id', 'in', hiddenBoardIds);
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
export function findTagsByIds(db: Db, ids: readonly number[], hiddenBoardIds: readonly number[]): Promise<TagRow[]> {
  return seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds)
    .where('id', 'in', ids.length > 0 ? [...ids] : [-1])
    .execute();
}

export function findTagById(db: Db, id: number, hiddenBoardIds: readonly number[]): Promise<TagRow | undefined> {
  return seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds).where('id', '=', id).executeTakeFirst();
}

/** Tags (all, or those with the given ids) by id or by name (then id), a window of them (keyset). */
export function listTags(db: Kysely<DB>, q: { ids: number[] | null; sortByName: boolean; order: 'asc' | 'desc'; window: Window; hiddenBoardIds: readonly number[] }): Promise<TagRow[]> {
  let query = seenTags(db.selectFrom('tags').selectAll(), q.hiddenBoardIds);
  if (q.ids) query = query.where('id', 'in', q.ids.length > 0 ? q.ids : [-1]);
  return applyWindow(query, q.sortByName ? ['name', 'id'] : ['id'], q.order, q.window).execute();
}

/**
 * Tags whose name contains the text (matched literally, any case), prefix matches first (`rank` 0,
 * others 1), then by name: a window of them, keyset on (rank, name). Both sides lower-cased, as
 * PostgreSQL's LIKE heeds case where SQLite's does not.
 */
export function searchTags(db: Db, text: string, window: Window, hiddenBoardIds: readonly number[]): Promise<(TagRow & { rank: number })[]> {
  const escaped = escapeLike(text.toLowerCase());
  const rank = sql<number>`(case when lower(name) like ${`${escaped}%`} escape '\\' then 0 else 1 end)`;
  const query = seenTags(db.selectFrom('tags').selectAll(), hiddenBoardIds)
    .select(rank.as('rank'))
    .where(sql<boolean>`lower(name) like ${`%${escaped}%`} escape '\\'`);
  return applyWindow(query, [rank, 'name'], 'asc', window).execute();
}

/** The tags mapped most often since `since`, most first; ties go to the newer tag. Mappings in hidden boards do not count. */
export function trendingTags(db: Db, since: string, limit: number, hiddenBoardIds: readonly number[]): Promise<(TagRow & { recent: number })[]> {
  let query = db
    .selectFrom('tags')
    .innerJoin('tag_mappings as m', 'm.tag_id', 'tags.id')
    .selectAll('tags')
    .select((eb) => eb.fn.countAll<number>().as('recent'))
    .where('m.created_at', '>=', since);
  if (hiddenBoardIds.length > 0) query = query.where((eb) => eb.not(hiddenMapping(eb as unknown as Mappings, hiddenBoardIds)));
  return query.groupBy('tags.id').orderBy('recent', 'desc').orderBy('tags.id', 'desc').limit(limit).execute();
}

/** How many of each tag's mappings are in the hidden boards (tags with none are left out). */
export async function hiddenUses(db: Db, tagIds: readonly number[], hiddenBoardIds: readonly number[]): Promise<Map<number, number>> {
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

/** The tags mapped to targets (`ids` of each ref type), by name, with the target of each row: their `columns` (every column for null). */
export function findTagsOfTargets(db: Db, idsByType: ReadonlyMap<string, readonly number[]>, columns: Columns): Promise<(TagRow & { ref_type: string; ref_id: number })[]> {
  return selectColumns(db.selectFrom('tag_mappings').innerJoin('tags', 'tags.id', 'tag_mappings.tag_id'), 'tags', columns)
    .select(['tag_mappings.ref_type', 'tag_mappings.ref_id'])
    .where((eb) => eb.or([...idsByType].map(([type, ids]) => eb.and([eb('tag_mappings.ref_type', '=', type), eb('tag_mappings.ref_id', 'in', ids)]))))
    .orderBy('tags.name')
    .execute() as Promise<(TagRow & { ref_type: string; ref_id: number })[]>;
}

/** The id of the tag with this name, if any. */
export async function findTagIdByName(db: Db, name: string): Promise<number | undefined> {
  return (await db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst())?.id;
}

/** Whether a tag with this id exists. */
export async function tagExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('tags').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The ids of the tags with these names. */
export async function findTagIdsByNames(db: Db, names: readonly string[]): Promise<number[]> {
  const rows = await db.selectFrom('tags').select('id').where('name', 'in', names).execute();
  return rows.map((row) => row.id);
}

export function insertTag(db: Db, values: Insertable<Tags>): Promise<TagRow> {
  return db.insertInto('tags').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateTagRow(db: Db, id: number, values: Updateable<Tags>): Promise<TagRow> {
  return db.updateTable('tags').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Creates the hashtags among `names` that do not exist yet (name and display name alike), in one statement. */
export async function insertMissingHashtags(db: Db, names: readonly string[], now: string): Promise<void> {
  await db
    .insertInto('tags')
    .values(names.map((name) => ({ name, display_name: name, created_at: now, updated_at: now })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Maps a tag to a target unless it already is; whether a mapping was added. */
export async function insertTagMapping(db: Db, tagId: number, refType: string, refId: number, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto('tag_mappings')
    .values({ tag_id: tagId, ref_type: refType, ref_id: refId, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Counts one more use of a tag. */
export async function incrementTagUseCount(db: Db, id: number): Promise<void> {
  await db
    .updateTable('tags')
    .set((eb) => ({ use_count: eb('use_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Whether the post, comment, reply or user a mapping would point at exists. */
export async function targetExists(db: Db, refType: 'POST' | 'COMMENT' | 'REPLY' | 'USER', refId: number): Promise<boolean> {
  const table = ({ POST: 'posts', COMMENT: 'comments', REPLY: 'replies', USER: 'users' } as const)[refType];
  return (await db.selectFrom(table).select('id').where('id', '=', refId).executeTakeFirst()) !== undefined;
}
