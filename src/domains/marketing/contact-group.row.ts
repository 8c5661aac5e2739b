import type { Selectable } from 'kysely';
import type { ContactGroups } from '../../db/schema';

export type ContactGroupRow = Selectable<ContactGroups>;
