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

/** A post's, comment's or reply's status, as GraphQL shows it (the stored number is ENTITY_STATUS's). */
export enum PostStatus {
  ACTIVE = 'ACTIVE',
  APPROVAL_REQUIRED = 'APPROVAL_REQUIRED',
  APPROVAL_REJECTED = 'APPROVAL_REJECTED',
  DRAFT = 'DRAFT',
  INACTIVE = 'INACTIVE',
  REPORTED = 'REPORTED',
  SPAM = 'SPAM',
  DELETED = 'DELETED',
}

/** A post's, comment's or reply's moderation state, as GraphQL shows it (the stored number is CONTENT_STATE's). */
export enum ContentState {
  ARCHIVED = 'ARCHIVED',
  LOCKED = 'LOCKED',
  MODERATED = 'MODERATED',
  USER_REPORTED = 'USER_REPORTED',
  DEFAULT = 'DEFAULT',
  REPORTED = 'REPORTED',
  SPAM = 'SPAM',
  DELETED = 'DELETED',
}

const STATUS_BY_NUMBER = new Map<number, PostStatus>(Object.entries(ENTITY_STATUS).map(([name, n]) => [n, name as PostStatus]));
const STATE_BY_NUMBER = new Map<number, ContentState>(Object.entries(CONTENT_STATE).map(([name, n]) => [n, name as ContentState]));

/** The enum of a stored status number (an unknown number reads as INACTIVE). */
export function toPostStatus(stored: number): PostStatus {
  return STATUS_BY_NUMBER.get(stored) ?? PostStatus.INACTIVE;
}

/** The stored number of a status. */
export function storedStatus(status: PostStatus): number {
  return ENTITY_STATUS[status];
}

/** The enum of a stored state number (an unknown number reads as DEFAULT). */
export function toContentState(stored: number): ContentState {
  return STATE_BY_NUMBER.get(stored) ?? ContentState.DEFAULT;
}
