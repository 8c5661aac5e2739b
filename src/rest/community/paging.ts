import { ErrorCode } from '../../errors';
import { LegacyError, type ParamSpec } from '../route';

/** The document's paging options, shared by every list. */
export const PAGING_PARAMS: ParamSpec[] = [
  { name: 'page', type: 'integer', description: 'From 1.' },
  { name: 'page_size', type: 'integer', description: 'Default 10; values above 50 are treated as 50.' },
];

/** GraphQL `page` and `pageSize` from the query; the API clamps page_size to 50. */
export function pageVariables(values: Record<string, unknown>): { page: number; pageSize: number } {
  return { page: Number(values.page ?? 1), pageSize: Math.min(Number(values.page_size ?? 10), 50) };
}

/** The community API's own largest page. */
const COMMUNITY_MAX_PAGE = 50;

/**
 * GraphQL `first` and `offset` from the document's `page` and `page_size` (page from 1, page_size
 * from 1, clamped to 50, 10 unless given).
 */
export function connectionPage(values: Record<string, unknown>): { first: number; offset: number } {
  const page = Number(values.page ?? 1);
  const size = Number(values.page_size ?? 10);
  if (!(page >= 1)) throw new LegacyError(ErrorCode.BadUserInput, 'page starts at 1');
  if (!(size >= 1)) throw new LegacyError(ErrorCode.BadUserInput, 'page_size must be at least 1');
  const first = Math.min(size, COMMUNITY_MAX_PAGE);
  return { first, offset: (page - 1) * first };
}
