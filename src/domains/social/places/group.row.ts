import type { Selectable } from 'kysely';
import type { Groups } from '../../../db/schema';

export type GroupRow = Selectable<Groups>;

/** A group row with the user it was fetched for (a member or the owner). */
export type GroupOfUser = GroupRow & { for_user_id: number; joined_at?: string };

/** `group_members.status`. */
export const MEMBER_STATUS = { ACTIVE: 'active', PENDING: 'pending' } as const;
