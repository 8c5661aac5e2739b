import type { Selectable } from 'kysely';
import type { Tags } from '../../db/schema';

/** A `tags` row as the database returns it. */
export type TagRow = Selectable<Tags>;
