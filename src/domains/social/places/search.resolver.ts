import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import type { User } from '../../users/user.type';
import { toGroup } from './group.mapper';
import type { Group } from './group.type';
import { toPage } from './page.mapper';
import type { Page } from './page.type';
import { search, searchResultGroups, searchResultPages, searchResultUsers } from './search.service';
import { SearchGroupConnection, SearchPageConnection, SearchResult, SearchUserConnection } from './search.type';

@Resolver(() => SearchResult)
export class SearchResolver {
  @Query(() => SearchResult, {
    description:
      'Users, pages and groups whose names or titles contain the text (case-insensitive; % and _ match themselves), ' +
      'each list highest id first and paged on its own. Deleted users, and users blocked either way, are left out.',
  })
  search(@Ctx() ctx: Context, @Arg('query') query: string, @Arg('gender', () => String, { nullable: true, description: 'male or female: filters the users.' }) gender: string | null): SearchResult {
    return search(ctx, { text: query, gender: gender ?? null });
  }

  @FieldResolver(() => SearchUserConnection, { description: 'The users found, highest id first.' })
  async users(@Root() result: SearchResult, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<User>> {
    const window = windowOf(args);
    return toConnection(
      await searchResultUsers(ctx, result, window),
      window,
      (row) => [row.id],
      (row) => toUser(row, ctx.viewer),
    );
  }

  @FieldResolver(() => SearchPageConnection, { description: 'The pages found, highest id first.' })
  async pages(@Root() result: SearchResult, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<Page>> {
    const window = windowOf(args);
    return toConnection(await searchResultPages(ctx, result, window), window, (row) => [row.id], toPage);
  }

  @FieldResolver(() => SearchGroupConnection, { description: 'The groups found, highest id first.' })
  async groups(@Root() result: SearchResult, @Ctx() ctx: Context, @Args() args: ConnectionArgs): Promise<Connection<Group>> {
    const window = windowOf(args);
    return toConnection(await searchResultGroups(ctx, result, window), window, (row) => [row.id], toGroup);
  }
}
