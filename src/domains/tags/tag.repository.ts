import { type Kysely, sql } from 'kysely';
import { escapeLike } from '../../db/like';
import type { DB } from '../../db/schema';
import type { TagRow } from './tag.type';

export function findTagById(db: Kysely<DB>, id: number): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tags (all, or those with the given ids) by id or name; one extra row tells whether more exist. */
export function listTags(
  db: Kysely<DB>,
  q: { ids: number[] | null; sortByName: boolean; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<TagRow[]> {
  let query = db.selectFrom('tags').selectAll();
  if (q.ids) query = query.where('id', 'in', q.ids.length > 0 ? q.ids : [-1]);
  query = q.sortByName ? query.orderBy('name', q.order).orderBy('id', q.order) : query.orderBy('id', q.order);
  return query.limit(q.limit + 1).offset(q.offset).execute();
}

/**
 * Tags whose name contains the text (matched literally, any case), prefix matches first. Both
 * sides lower-cased, as PostgreSQL's LIKE heeds case where SQLite's does not.
 */
export function searchTags(db: Kysely<DB>, text: string, limit: number, offset: number): Promise<TagRow[]> {
  const escaped = escapeLike(text.toLowerCase());
  return db
    .selectFrom('tags')
    .selectAll()
    .where(sql<boolean>`lower(name) like ${`%${escaped}%`} escape '\\'`)
    .orderBy(sql`case when lower(name) like ${`${escaped}%`} escape '\\' then 0 else 1 end`)
    .orderBy('name')
    .limit(limit + 1)
    .offset(offset)
    .execute();
}

/** The tags mapped most often since `since`, most first; ties go to the newer tag. */
export function trendingTags(db: Kysely<DB>, since: string, limit: number): Promise<(TagRow & { recent: number })[]> {
  return db
    .selectFrom('tags')
    .innerJoin('tag_mappings as m', 'm.tag_id', 'tags.id')
    .selectAll('tags')
    .select((eb) => eb.fn.countAll<number>().as('recent'))
    .where('m.created_at', '>=', since)
    .groupBy('tags.id')
    .orderBy('recent', 'desc')
    .orderBy('tags.id', 'desc')
    .limit(limit)
    .execute();
}
