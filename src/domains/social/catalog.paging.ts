import { BadUserInputError } from '../../graphql/errors';

/** The most rows one catalog list answers, whatever the caller asks. */
export const MAX_CATALOG_PAGE = 100;

/** Checks a list's `limit`: at least 1, clamped to MAX_CATALOG_PAGE. */
export function catalogLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new BadUserInputError('limit must be at least 1', 'limit');
  return Math.min(limit, MAX_CATALOG_PAGE);
}

/** Checks an id cursor (`beforeId`): a positive id, or none. */
export function idCursor(value: number | null | undefined, field: string): number | null {
  if (value == null || value === 0) return null;
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError(`${field} must be a positive id`, field);
  return value;
}

/** An http(s) URL kept as given (GraphQL clients cannot upload files). */
export function assertHttpUrl(value: string, field: string): string {
  const url = value.trim();
  if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) throw new BadUserInputError(`${field} must be an http(s) URL`, field);
  return url;
}
