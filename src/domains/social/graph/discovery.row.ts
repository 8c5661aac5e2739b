import type { Selectable } from 'kysely';
import type { Users } from '../../../db/schema';

/** A nearby user's row: the user, the distance in km and the metres the list is keyed by. */
export type NearbyRow = Selectable<Users> & { distance: number; metres: number };
