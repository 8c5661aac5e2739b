import type { Group } from './group.type';
import type { GroupRow } from './group.row';

/** `groups.privacy`: 1 public, 0 private. `groups.join_privacy`: 1 anyone joins, 2 approval needed. */
export const PRIVACY = { PUBLIC: 1, PRIVATE: 0 } as const;
export const JOIN_PRIVACY = { OPEN: 1, APPROVAL: 2 } as const;

export function toGroup(row: GroupRow): Group {
  return {
    id: row.id,
    name: row.group_name,
    title: row.group_title,
    about: row.about,
    category: row.category,
    isPrivate: row.privacy === PRIVACY.PRIVATE,
    joinNeedsApproval: row.join_privacy === JOIN_PRIVACY.APPROVAL,
    avatar: row.avatar,
    cover: row.cover,
    memberCount: row.member_count,
    ownerId: row.owner_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
