import { BadUserInputError, ConflictError } from '../../graphql/errors';

/** A page or group handle: what its URL ends with, so letters, digits and "_" only. */
export const HANDLE = /^[A-Za-z0-9_]{5,32}$/;
export const HANDLE_MESSAGE = 'name must be 5 to 32 letters, digits or "_" (no spaces or other characters)';

/** An avatar or cover given as text: an http(s) URL or a path on this gateway. */
export const IMAGE_URL = /^(https?:\/\/|\/)\S+$/;
export const imageUrlMessage = (slot: string) => `${slot} must be an http(s) URL or a /uploads/ path; upload a file as ${slot}File`;

/** Trims a required display text (a title) and checks its length (kept here for the services that import it from place-rules). */
export { requiredText } from './text-rules';

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

/** Turns a unique-constraint violation of a write into a CONFLICT on `field`; other errors pass through. */
export async function uniqueOr<T>(work: Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(message, field);
    throw error;
  }
}

/** The longest list of pages, groups or search results one field returns. */
export const MAX_LIST = 100;

/** Checks a list's limit and offset: a limit from 1 to MAX_LIST, an offset from 0. */
export function checkPaging(limit: number, offset = 0): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw new BadUserInputError(`limit must be between 1 and ${MAX_LIST}`, 'limit');
  if (!Number.isInteger(offset) || offset < 0) throw new BadUserInputError('offset must not be negative', 'offset');
}
