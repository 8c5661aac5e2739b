import type { Window } from '../../../db/keyset';
import { containsPattern } from '../../../db/like';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError } from '../../../errors';
import type { UserRow } from '../../users/user.row';
import type { GroupRow } from './group.row';
import type { PageRow } from './page.row';
import { searchGroups, searchPages, searchUsers } from './search.repository';
import type { SearchResult } from './search.type';

const GENDERS = ['male', 'female'];

/** Checks a search's text and filter; its lists are read when selected. Matching is case-insensitive and literal. */
export function search(ctx: Context, q: { text: string; gender: string | null }): SearchResult {
  const text = q.text.trim();
  if (text.length === 0) throw new BadUserInputError('query must not be empty', 'query');
  if (text.length > 100) throw new BadUserInputError('query must be at most 100 characters', 'query');
  if (q.gender !== null && !GENDERS.includes(q.gender)) throw new BadUserInputError('gender must be male or female', 'gender');
  return { pattern: containsPattern(text), gender: q.gender, viewerId: ctx.viewer?.userId ?? null };
}

/** A window of the users a search found: never deleted users, nor (for a viewer) users blocked either way. */
export async function searchResultUsers(ctx: Context, result: SearchResult, window: Window): Promise<UserRow[]> {
  const rows = await searchUsers(ctx.db, { pattern: result.pattern, window, gender: result.gender, viewerId: result.viewerId });
  for (const row of rows) ctx.loaders.user.prime(row.id, row);
  return rows;
}

/** A window of the pages a search found. */
export async function searchResultPages(ctx: Context, result: SearchResult, window: Window): Promise<PageRow[]> {
  const rows = await searchPages(ctx.db, { pattern: result.pattern, window });
  for (const row of rows) ctx.loaders.page.prime(row.id, row);
  return rows;
}

/** A window of the groups a search found. */
export async function searchResultGroups(ctx: Context, result: SearchResult, window: Window): Promise<GroupRow[]> {
  const rows = await searchGroups(ctx.db, { pattern: result.pattern, window });
  for (const row of rows) ctx.loaders.group.prime(row.id, row);
  return rows;
}
