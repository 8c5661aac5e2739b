/** The community document's entity statuses (posts, comments, replies). */
export const ENTITY_STATUS = {
  ACTIVE: 15,
  APPROVAL_REQUIRED: 4,
  APPROVAL_REJECTED: 3,
  DRAFT: 2,
  INACTIVE: 0,
  REPORTED: -2,
  SPAM: -3,
  DELETED: -100,
} as const;

/** The community document's content states. */
export const CONTENT_STATE = { ARCHIVED: 11, LOCKED: 10, MODERATED: 9, USER_REPORTED: 5, DEFAULT: 0, REPORTED: -2, SPAM: -3, DELETED: -100 } as const;

/** What a reaction or tag mapping points at. */
export type RefType = 'POST' | 'COMMENT' | 'REPLY' | 'USER';
export const REF_TYPES: readonly RefType[] = ['POST', 'COMMENT', 'REPLY', 'USER'];
