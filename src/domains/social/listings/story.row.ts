import type { Selectable } from 'kysely';
import type { Stories } from '../../../db/schema';

export type StoryRow = Selectable<Stories>;
