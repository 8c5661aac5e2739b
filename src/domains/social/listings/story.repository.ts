import type { Insertable, Kysely } from 'kysely';
import type { DB, Stories } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import type { StoryRow } from './story.row';

type Db = Kysely<DB>;

export function findStory(db: Db, id: number): Promise<StoryRow | undefined> {
  return db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertStory(db: Db, values: Insertable<Stories>): Promise<StoryRow> {
  return db.insertInto('stories').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deleteStoryRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('stories').where('id', '=', id).execute();
}

/** Forgets a user's stored file; true when there was one. */
export async function deleteMediaFileRow(db: Db, userId: number, path: string): Promise<boolean> {
  const result = await db.deleteFrom('media_files').where('user_id', '=', userId).where('path', '=', path).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The ids of the users `userId` follows (accepted follows), as a subquery. */
const followedBy = (db: Db, userId: number) => db.selectFrom('follows').select('following_id').where('follower_id', '=', userId).where('status', '=', 'accepted');

/** Unexpired stories of a user and of the users they follow (accepted follows), newest first (by id): one window. */
export function listFollowedStories(db: Db, userId: number, now: string, window: Window): Promise<StoryRow[]> {
  const query = db
    .selectFrom('stories')
    .selectAll()
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('user_id', 'in', followedBy(db, userId))]));
  return applyWindow(query, ['id'], 'desc', window).execute();
}

/**
 * The stories among `ids` a user may see: their own, and the unexpired ones of the users they
 * follow (accepted follows), as the stories list shows them; one statement.
 */
export function findVisibleStories(db: Db, userId: number, ids: readonly number[], now: string): Promise<StoryRow[]> {
  return db
    .selectFrom('stories')
    .selectAll()
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb.and([eb('expires_at', '>', now), eb('user_id', 'in', followedBy(db, userId))])]))
    .execute();
}
