import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { toUser } from '../users/user.mapper';
import { User } from '../users/user.type';
import { MAX_CATALOG_PAGE } from './catalog.paging';
import { CreateEventInput } from './event.input';
import { EventResponse, toEvent } from './event.mapper';
import { createEvent, listEventsFor, requireEvent, respondToEvent } from './event.service';
import { Event } from './event.type';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  async event(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<Event | null> {
    const row = await nullIfNotFound(requireEvent(ctx, id));
    return row ? toEvent(row) : null;
  }

  @Query(() => [Event], { description: 'Events newest first: the viewer\'s own (mine: true), or others\' events that have not ended yet.' })
  async events(
    @Ctx() ctx: Context,
    @Arg('mine', () => Boolean, { defaultValue: false }) mine: boolean,
    @Arg('limit', () => Int, { defaultValue: 35, description: `At most ${MAX_CATALOG_PAGE}.` }) limit: number,
    @Arg('beforeId', () => Int, { nullable: true, description: 'Events with a lower id than this one (the next page).' }) beforeId: number | null,
  ): Promise<Event[]> {
    return (await listEventsFor(ctx, mine, limit, beforeId)).map(toEvent);
  }

  @FieldResolver(() => User)
  async owner(@Root() event: Event, @Ctx() ctx: Context): Promise<User> {
    return toUser((await ctx.loaders.user.load(event.ownerId))!, ctx.viewer);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer goes to this event.' })
  async viewerGoing(@Root() event: Event, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.viewer ? (await ctx.loaders.eventResponses.load(`${ctx.viewer.userId}:${event.id}`)).has(EventResponse.Going) : false;
  }

  @FieldResolver(() => Boolean, { description: 'The viewer is interested in this event.' })
  async viewerInterested(@Root() event: Event, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.viewer ? (await ctx.loaders.eventResponses.load(`${ctx.viewer.userId}:${event.id}`)).has(EventResponse.Interested) : false;
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Creates an event owned by the viewer.' })
  async createEvent(@Ctx() ctx: Context, @Arg('input', () => CreateEventInput) input: CreateEventInput): Promise<Event> {
    return toEvent(await createEvent(ctx, input));
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Marks the viewer as going to an event, or not; without `going` it toggles.' })
  async goToEvent(@Ctx() ctx: Context, @Arg('eventId', () => Int) eventId: number, @Arg('going', () => Boolean, { nullable: true }) going: boolean | null): Promise<Event> {
    return toEvent(await respondToEvent(ctx, eventId, EventResponse.Going, going ?? null));
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Marks the viewer as interested in an event, or not; without `interested` it toggles.' })
  async interestInEvent(
    @Ctx() ctx: Context,
    @Arg('eventId', () => Int) eventId: number,
    @Arg('interested', () => Boolean, { nullable: true }) interested: boolean | null,
  ): Promise<Event> {
    return toEvent(await respondToEvent(ctx, eventId, EventResponse.Interested, interested ?? null));
  }
}
