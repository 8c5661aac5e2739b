import type { Database } from '../../../db/connection';
import { RequestLoader, byId, grouped } from '../../../graphql/batch';
import type { AlbumMediaRow, AlbumRow } from './album.row';
import { findAlbumMediaByIds, findAlbumsByIds, findMediaByAlbums } from './album.repository';

/** Per-request loaders of albums: by id, a photo by id, and each album's photos in upload order. */
export function createAlbumLoaders(db: Database) {
  return {
    album: byId<AlbumRow>((ids) => findAlbumsByIds(db, ids)),
    albumMediaItem: byId<AlbumMediaRow>((ids) => findAlbumMediaByIds(db, ids)),
    albumMedia: new RequestLoader<number, AlbumMediaRow[]>(async (ids) => grouped(ids, await findMediaByAlbums(db, ids), (row) => row.album_id)),
  };
}
