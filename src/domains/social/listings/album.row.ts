import type { Selectable } from 'kysely';
import type { AlbumMedia, Albums } from '../../../db/schema';

export type AlbumRow = Selectable<Albums>;
export type AlbumMediaRow = Selectable<AlbumMedia>;
