import type { Selectable } from 'kysely';
import type { Pages } from '../../../db/schema';

export type PageRow = Selectable<Pages>;

/** A page row with the user it was fetched for (a liker or the owner). */
export type PageOfUser = PageRow & { for_user_id: number; liked_at?: string };
