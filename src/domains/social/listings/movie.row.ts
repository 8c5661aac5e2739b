import type { Selectable } from 'kysely';
import type { Movies } from '../../../db/schema';

export type MovieRow = Selectable<Movies>;
