import { BadUserInputError } from '../../errors';

/** The most rows one import call takes, of subscribers or of contacts. */
export const MAX_IMPORT_ROWS = 10_000;

/**
 * The rows of one import call, refused whole (BAD_USER_INPUT on `rows`, in the words of
 * `tooMany`) when there are more than MAX_IMPORT_ROWS, before anything is read or written.
 */
export function importRows<T>(rows: readonly T[], tooMany: string): readonly T[] {
  if (rows.length > MAX_IMPORT_ROWS) throw new BadUserInputError(tooMany, 'rows');
  return rows;
}
