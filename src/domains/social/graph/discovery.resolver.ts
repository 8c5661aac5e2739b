import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { type Connection, OffsetConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { assertContacts, findNearbyUsers, MAX_CONTACTS, MAX_SUGGESTIONS, setLocation, suggestUsers } from './discovery.service';
import { type NearbyUser, NearbyUserConnection, NearbyUsersFilter, SetLocationInput, UserSuggestions, ViewerLocation } from './discovery.type';

/** Cursors of the nearby list: the distance in whole metres and the user id. */
const NEARBY_KEY = ['number', 'number'] as const;

async function nearby(ctx: Context, filter: NearbyUsersFilter | null, args: OffsetConnectionArgs): Promise<NearbyUserConnection> {
  const window = windowOf(args, NEARBY_KEY);
  const rows = await findNearbyUsers(ctx, filter, window);
  const page: Connection<NearbyUser> = toConnection(
    rows,
    window,
    (row) => [Number(row.metres), row.id],
    (row) => ({ user: toUser(row, ctx.viewer), distance: Number(row.distance) }),
  );
  // The user is the edge's node; the distance sits beside it on the edge.
  const edges = page.edges.map(({ cursor, node }) => ({ cursor, node: node.user, distance: node.distance }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: page.pageInfo };
}

const FILTER_DOC = 'Only users who share their location; the viewer and users blocked either way are left out.';

@Resolver()
export class DiscoveryResolver {
  @Authorized()
  @Query(() => NearbyUserConnection, {
    description: `Users near a point (the filter's lat/lng, or the viewer's stored position; none when neither is known), nearest first. ${FILTER_DOC}`,
  })
  nearbyUsers(@Ctx() ctx: Context, @Arg('filter', () => NearbyUsersFilter, { nullable: true }) filter: NearbyUsersFilter | null, @Args() args: OffsetConnectionArgs): Promise<NearbyUserConnection> {
    return nearby(ctx, filter, args);
  }

  @Authorized()
  @Mutation(() => ViewerLocation, { description: "Stores the viewer's position; its nearbyUsers lists the users near it." })
  async setLocation(@Ctx() ctx: Context, @Arg('input', () => SetLocationInput) input: SetLocationInput): Promise<ViewerLocation> {
    return setLocation(ctx, input.lat, input.lng);
  }

  @Authorized()
  @Query(() => UserSuggestions, { description: `People the viewer might follow, and the users among their contacts (phone numbers, at most ${MAX_CONTACTS}).` })
  async suggestions(
    @Ctx() ctx: Context,
    @Arg('contacts', () => [String], { nullable: true, validateFn: assertContacts }) contacts: string[] | null,
    @Arg('first', () => Int, { defaultValue: 20, description: `How many people (1 to ${MAX_SUGGESTIONS}).` }) first: number,
  ): Promise<UserSuggestions> {
    const found = await suggestUsers(ctx, contacts ?? null, first);
    return { people: found.people.map((row) => toUser(row, ctx.viewer)), contacts: found.contacts.map((row) => toUser(row, ctx.viewer)) };
  }
}

@Resolver(() => ViewerLocation)
export class ViewerLocationResolver {
  @FieldResolver(() => NearbyUserConnection, { description: `Users near this position, nearest first; the filter's lat/lng are ignored. ${FILTER_DOC}` })
  nearbyUsers(
    @Root() location: ViewerLocation,
    @Ctx() ctx: Context,
    @Arg('filter', () => NearbyUsersFilter, { nullable: true }) filter: NearbyUsersFilter | null,
    @Args() args: OffsetConnectionArgs,
  ): Promise<NearbyUserConnection> {
    return nearby(ctx, { ...filter, lat: location.lat, lng: location.lng }, args);
  }
}
