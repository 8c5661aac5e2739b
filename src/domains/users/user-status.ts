import { registerEnumType } from 'type-graphql';

/** The community document's user statuses; the enum values are its numeric codes. */
export enum UserStatus {
  ACTIVE = 10,
  UNVERIFIED = 6,
  INVITED = 5,
  WAITLIST = 4,
  INACTIVE = 0,
  BANNED = -3,
  DELETED = -100,
}

registerEnumType(UserStatus, { name: 'UserStatus', description: 'A user account status; legacy APIs show the numeric code.' });

/** Statuses whose credentials are refused. */
export const LOCKED_OUT_STATUSES: readonly number[] = [UserStatus.INACTIVE, UserStatus.BANNED, UserStatus.DELETED];

export function isUserStatus(code: number): code is UserStatus {
  return Object.values(UserStatus).includes(code);
}

/** The roles every gateway starts with (created by the first migration). */
export const ROLE = { ADMIN: 1, MODERATOR: 3, MEMBER: 4 } as const;
