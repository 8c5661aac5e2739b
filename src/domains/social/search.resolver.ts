import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toUser } from '../users/user.mapper';
import { toGroup } from './group.mapper';
import { toPage } from './page.mapper';
import { search } from './search.service';
import { SearchResult } from './search.type';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResult, {
    description:
      'Users, pages and groups whose names or titles contain the text (case-insensitive; % and _ match themselves), ' +
      'each list highest id first and below its offset id. Deleted users, and users blocked either way, are left out.',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('query') query: string,
    @Arg('limit', () => Int, { defaultValue: 35, description: 'Per list, at most 100.' }) limit: number,
    @Arg('userOffset', () => Int, { nullable: true }) userOffset: number | null,
    @Arg('pageOffset', () => Int, { nullable: true }) pageOffset: number | null,
    @Arg('groupOffset', () => Int, { nullable: true }) groupOffset: number | null,
    @Arg('gender', () => String, { nullable: true, description: 'male or female: filters the users.' }) gender: string | null,
  ): Promise<SearchResult> {
    const found = await search(ctx, { text: query, limit, userOffset: userOffset ?? null, pageOffset: pageOffset ?? null, groupOffset: groupOffset ?? null, gender: gender ?? null });
    return { users: found.users.map((row) => toUser(row, ctx.viewer)), pages: found.pages.map(toPage), groups: found.groups.map(toGroup) };
  }
}
