import { containsPattern } from '../../db/like';
import type { Context } from '../../graphql/context';
import { BadUserInputError } from '../../graphql/errors';
import type { UserRow } from '../users/user.mapper';
import type { GroupRow } from './group.mapper';
import type { PageRow } from './page.mapper';
import { checkPaging } from './place-rules';
import { searchGroups, searchPages, searchUsers } from './search.repository';

export interface SearchQuery {
  text: string;
  limit: number;
  /** Each list starts below its offset id (0 or null: from the newest). */
  userOffset: number | null;
  pageOffset: number | null;
  groupOffset: number | null;
  gender: string | null;
}

const GENDERS = ['male', 'female'];

/** Finds users, pages and groups whose names contain the text, case-insensitively and literally. */
export async function search(ctx: Context, q: SearchQuery): Promise<{ users: UserRow[]; pages: PageRow[]; groups: GroupRow[] }> {
  const text = q.text.trim();
  if (text.length === 0) throw new BadUserInputError('query must not be empty', 'query');
  if (text.length > 100) throw new BadUserInputError('query must be at most 100 characters', 'query');
  if (q.gender !== null && !GENDERS.includes(q.gender)) throw new BadUserInputError('gender must be male or female', 'gender');
  checkPaging(q.limit);
  for (const [field, value] of Object.entries({ userOffset: q.userOffset, pageOffset: q.pageOffset, groupOffset: q.groupOffset })) {
    if (value !== null && value < 0) throw new BadUserInputError(`${field} must not be negative`, field);
  }
  const pattern = containsPattern(text);
  const window = (before: number | null) => ({ pattern, limit: q.limit, before: before || null });
  const [users, pages, groups] = await Promise.all([
    searchUsers(ctx.db, { ...window(q.userOffset), gender: q.gender, viewerId: ctx.viewer?.userId ?? null }),
    searchPages(ctx.db, window(q.pageOffset)),
    searchGroups(ctx.db, window(q.groupOffset)),
  ]);
  for (const row of users) ctx.loaders.user.prime(row.id, row);
  for (const row of pages) ctx.loaders.page.prime(row.id, row);
  for (const row of groups) ctx.loaders.group.prime(row.id, row);
  return { users, pages, groups };
}
