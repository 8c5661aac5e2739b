import type { Album, AlbumMedia } from './album.type';
import type { AlbumMediaRow, AlbumRow } from './album.row';

export function toAlbum(row: AlbumRow): Album {
  return { id: row.id, ownerId: row.user_id, name: row.name, createdAt: new Date(row.created_at) };
}

export function toAlbumMedia(row: AlbumMediaRow): AlbumMedia {
  return { id: row.id, albumId: row.album_id, url: row.url };
}
