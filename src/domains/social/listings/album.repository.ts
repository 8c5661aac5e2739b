import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import type { AlbumMediaRow, AlbumRow } from './album.row';

type Db = Kysely<DB>;

export function insertAlbum(db: Db, userId: number, name: string): Promise<AlbumRow> {
  return db.insertInto('albums').values({ user_id: userId, name, created_at: new Date().toISOString() }).returningAll().executeTakeFirstOrThrow();
}

export async function insertAlbumMedia(db: Db, albumId: number, urls: string[]): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('album_media')
    .values(urls.map((url) => ({ album_id: albumId, url, created_at: now })))
    .execute();
}

export function findAlbumsByIds(db: Db, ids: readonly number[]): Promise<AlbumRow[]> {
  return db.selectFrom('albums').selectAll().where('id', 'in', ids).execute();
}

export function findAlbumMediaByIds(db: Db, ids: readonly number[]): Promise<AlbumMediaRow[]> {
  return db.selectFrom('album_media').selectAll().where('id', 'in', ids).execute();
}

export function findMediaByAlbums(db: Db, albumIds: readonly number[]): Promise<AlbumMediaRow[]> {
  return db.selectFrom('album_media').selectAll().where('album_id', 'in', albumIds).orderBy('id').execute();
}

/** A user's albums newest first (by id): one window. */
export function listAlbums(db: Db, userId: number, window: Window): Promise<AlbumRow[]> {
  return applyWindow(db.selectFrom('albums').selectAll().where('user_id', '=', userId), ['id'], 'desc', window).execute();
}
