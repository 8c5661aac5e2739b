import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../graphql/context.types';
import { nullIfNotFound } from '../../../errors';
import { fromGlobalId } from '../../../graphql/node';
import { type Connection, ConnectionArgs, toConnection, windowOf } from '../../../graphql/connection';
import { toUser } from '../../users/user.mapper';
import { User } from '../../users/user.type';
import { CreateEventInput, SetEventGoingInput, SetEventInterestedInput } from './event.input';
import { toEvent } from './event.mapper';
import { createEvent, listEventsFor, requireEvent, respondToEvent } from './event.service';
import { Event, EventConnection } from './event.type';
import { EventResponse } from './event.row';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'The event with this global id, or null if there is none.' })
  async event(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Event | null> {
    const row = await nullIfNotFound(requireEvent(ctx, fromGlobalId(id, 'Event')));
    return row ? toEvent(row) : null;
  }

  @Query(() => EventConnection, { description: "Events newest first: the viewer's own (mine: true), or others' events that have not ended yet; 20 a page by default." })
  async events(@Ctx() ctx: Context, @Arg('mine', () => Boolean, { defaultValue: false }) mine: boolean, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<Event>> {
    const window = windowOf(args);
    return toConnection(await listEventsFor(ctx, mine, window), window, (row) => [row.id], toEvent);
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
  @Mutation(() => Event, { description: 'Marks the viewer as going to an event (going: true) or not; goingCount and viewerGoing tell the result.' })
  async setEventGoing(@Ctx() ctx: Context, @Arg('input', () => SetEventGoingInput) input: SetEventGoingInput): Promise<Event> {
    return toEvent(await respondToEvent(ctx, fromGlobalId(input.eventId, 'Event', 'eventId'), EventResponse.Going, input.going));
  }

  @Authorized()
  @Mutation(() => Event, { description: 'Marks the viewer as interested in an event (interested: true) or not; interestedCount and viewerInterested tell the result.' })
  async setEventInterested(@Ctx() ctx: Context, @Arg('input', () => SetEventInterestedInput) input: SetEventInterestedInput): Promise<Event> {
    return toEvent(await respondToEvent(ctx, fromGlobalId(input.eventId, 'Event', 'eventId'), EventResponse.Interested, input.interested));
  }
}
