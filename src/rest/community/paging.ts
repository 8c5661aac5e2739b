import type { ParamSpec } from '../route';

/** The document's paging options, shared by every list. */
export const PAGING_PARAMS: ParamSpec[] = [
  { name: 'page', type: 'integer', description: 'From 1.' },
  { name: 'page_size', type: 'integer', description: 'Default 10; values above 50 are treated as 50.' },
];

/** GraphQL `page` and `pageSize` from the query; the API clamps page_size to 50. */
export function pageVariables(values: Record<string, unknown>): { page: number; pageSize: number } {
  return { page: Number(values.page ?? 1), pageSize: Math.min(Number(values.page_size ?? 10), 50) };
}
