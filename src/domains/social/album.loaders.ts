import type { Database } from '../../db/connection';
import { RequestLoader, grouped } from '../../graphql/batch';
import type { AlbumMediaRow } from './album.mapper';
import { findMediaByAlbums } from './album.repository';

/** Per-request loaders of albums: each album's photos in upload order. */
export function createAlbumLoaders(db: Database) {
  return {
    albumMedia: new RequestLoader<number, AlbumMediaRow[]>(async (ids) => grouped(ids, await findMediaByAlbums(db, ids), (row) => row.album_id)),
  };
}
