import { Arg, Authorized, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { toUser } from '../users/user.mapper';
import { assertContacts, findNearbyUsers, MAX_CONTACTS, setLocation, suggestUsers } from './discovery.service';
import { NearbyUser, NearbyUsersFilter, UserSuggestions, ViewerLocation } from './discovery.type';
import { assertPage } from './follow.paging';
import { MAX_GRAPH_PAGE } from './follow.type';

async function nearby(ctx: Context, filter: NearbyUsersFilter | null, limit: number, offset: number): Promise<NearbyUser[]> {
  const rows = await findNearbyUsers(ctx, filter, limit, offset);
  return rows.map((row) => ({ user: toUser(row, ctx.viewer), distance: Number(row.distance) }));
}

const PAGE_DOC = `Nearest first, at most ${MAX_GRAPH_PAGE} a page; offset skips that many.`;

@Resolver()
export class DiscoveryResolver {
  @Authorized()
  @Query(() => [NearbyUser], { description: `Users near a point (the filter's lat/lng, or the viewer's stored position). ${PAGE_DOC}` })
  nearbyUsers(
    @Ctx() ctx: Context,
    @Arg('filter', () => NearbyUsersFilter, { nullable: true }) filter: NearbyUsersFilter | null,
    @Arg('limit', () => Int, { defaultValue: 25 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<NearbyUser[]> {
    return nearby(ctx, filter, limit, offset);
  }

  @Authorized()
  @Mutation(() => ViewerLocation, {
    description: 'Stores the viewer\'s position. Its nearbyUsers lists the users near it, by the filter (its lat/lng are ignored), limit and offset given here; bad ones store nothing.',
  })
  async setLocation(
    @Ctx() ctx: Context,
    @Arg('lat', () => Float) lat: number,
    @Arg('lng', () => Float) lng: number,
    @Arg('filter', () => NearbyUsersFilter, { nullable: true }) filter: NearbyUsersFilter | null,
    @Arg('limit', () => Int, { defaultValue: 25 }) limit: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<ViewerLocation> {
    assertPage(limit, offset);
    const position = await setLocation(ctx, lat, lng);
    return { ...position, search: { filter: { ...filter, ...position }, limit, offset } };
  }

  @Authorized()
  @Query(() => UserSuggestions, { description: `People the viewer might follow, and the users among their contacts (phone numbers, at most ${MAX_CONTACTS}).` })
  async suggestions(
    @Ctx() ctx: Context,
    @Arg('contacts', () => [String], { nullable: true, validateFn: assertContacts }) contacts: string[] | null,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<UserSuggestions> {
    const found = await suggestUsers(ctx, contacts ?? null, limit);
    return { people: found.people.map((row) => toUser(row, ctx.viewer)), contacts: found.contacts.map((row) => toUser(row, ctx.viewer)) };
  }
}

@Resolver(() => ViewerLocation)
export class ViewerLocationResolver {
  @FieldResolver(() => [NearbyUser], { description: `Users near this position, as setLocation's filter, limit and offset ask. ${PAGE_DOC}` })
  nearbyUsers(@Root() location: ViewerLocation, @Ctx() ctx: Context): Promise<NearbyUser[]> {
    const { filter, limit, offset } = location.search;
    return nearby(ctx, filter, limit, offset);
  }
}
