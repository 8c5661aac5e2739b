import type { Selectable } from 'kysely';
import type { Contacts } from '../../db/schema';

export type ContactRow = Selectable<Contacts>;
