import type { Selectable } from 'kysely';
import type { Boards } from '../../db/schema';

/** A `boards` row as the database returns it. */
export type BoardRow = Selectable<Boards>;
