import { BadUserInputError } from '../../../errors';

/** A page or group handle: what its URL ends with, so letters, digits and "_" only. */
export const HANDLE = /^[A-Za-z0-9_]{5,32}$/;
export const HANDLE_MESSAGE = 'name must be 5 to 32 letters, digits or "_" (no spaces or other characters)';

/** An avatar or cover given as text: an http(s) URL or a path on this gateway. */
export const IMAGE_URL = /^(https?:\/\/|\/)\S+$/;
export const imageUrlMessage = (slot: string) => `${slot} must be an http(s) URL or a /uploads/ path; upload a file as ${slot}File`;

/** The longest list of pages, groups or search results one field returns. */
export const MAX_LIST = 100;

/** Checks a list's limit and offset: a limit from 1 to MAX_LIST, an offset from 0. */
export function checkPaging(limit: number, offset = 0): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) throw new BadUserInputError(`limit must be between 1 and ${MAX_LIST}`, 'limit');
  if (!Number.isInteger(offset) || offset < 0) throw new BadUserInputError('offset must not be negative', 'offset');
}
