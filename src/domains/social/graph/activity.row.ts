import type { Selectable } from 'kysely';
import type { Activities } from '../../../db/schema';

/** An activity with the post it is about (the post itself, or the post of the comment or reply). */
export type ActivityRow = Selectable<Activities> & { post_id: number | null };
