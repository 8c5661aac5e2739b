import type { ContentState, PostStatus } from '../../generated/operations';

/** The community document's numbers for post, comment and reply statuses. */
export const LEGACY_STATUS: Record<PostStatus, number> = {
  ACTIVE: 15,
  APPROVAL_REQUIRED: 4,
  APPROVAL_REJECTED: 3,
  DRAFT: 2,
  INACTIVE: 0,
  REPORTED: -2,
  SPAM: -3,
  DELETED: -100,
};

/** The community document's numbers for content states. */
export const LEGACY_STATE: Record<ContentState, number> = {
  ARCHIVED: 11,
  LOCKED: 10,
  MODERATED: 9,
  USER_REPORTED: 5,
  DEFAULT: 0,
  REPORTED: -2,
  SPAM: -3,
  DELETED: -100,
};
