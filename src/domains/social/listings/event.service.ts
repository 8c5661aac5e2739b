import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, NotFoundError } from '../../../errors';
import { recordMediaFile, withStoredMedia } from '../../../media/media-files';
import { refusePendingUploadUrls, storeImageUpload } from '../../../media/upload-claims';
import { requireViewer } from '../../shared/viewer.guard';
import { assertHttpUrl } from './listing.rules';
import type { Window } from '../../../db/keyset';
import type { CreateEventInput } from './event.input';
import { EventResponse, type EventRow } from './event.row';
import { addResponse, hasResponse, insertEvent, listEvents, recountResponses, removeResponse } from './event.repository';
import { atLeast } from '../text.rules';

const MIN_NAME = 5;
const MIN_DESCRIPTION = 10;

/** `YYYY-MM-DD` naming a real calendar day, or a BAD_USER_INPUT error naming the field. */
function calendarDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !day || day.toISOString().slice(0, 10) !== match[0]) throw new BadUserInputError(`${field} must be a date as YYYY-MM-DD`, field);
  return match[0];
}

/** `HH:MM` (or `H:MM`) on a 24-hour clock, zero-padded. */
function clockTime(value: string, field: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new BadUserInputError(`${field} must be a time as HH:MM (00:00 to 23:59)`, field);
  return `${match[1].padStart(2, '0')}:${match[2]}`;
}

/** The event by id, or NOT_FOUND. */
export async function requireEvent(ctx: Context, eventId: number): Promise<EventRow> {
  const row = await ctx.loaders.listingEvent.load(eventId);
  if (!row) throw new NotFoundError(`Event ${eventId} does not exist`);
  return row;
}

/** Creates an event owned by the viewer, with an optional cover image; records `event.created`. */
export async function createEvent(ctx: Context, input: CreateEventInput): Promise<EventRow> {
  const viewer = requireViewer(ctx);
  const name = atLeast(input.name, MIN_NAME, 'name');
  const location = atLeast(input.location, 1, 'location');
  const description = atLeast(input.description, MIN_DESCRIPTION, 'description');
  const start = { date: calendarDate(input.startDate, 'startDate'), time: clockTime(input.startTime, 'startTime') };
  const end = { date: calendarDate(input.endDate, 'endDate'), time: clockTime(input.endTime, 'endTime') };
  if (`${end.date} ${end.time}` < `${start.date} ${start.time}`) throw new BadUserInputError('The event cannot end before it starts', 'endDate');
  if (input.cover && input.coverUrl) throw new BadUserInputError('Send cover or coverUrl, not both', 'cover');
  const coverUrl = input.coverUrl ? assertHttpUrl(input.coverUrl, 'coverUrl') : null;
  await refusePendingUploadUrls(ctx, [coverUrl], 'coverUrl', 'cover');
  const stored = input.cover ? await storeImageUpload(ctx, input.cover, 'cover') : null;
  return withStoredMedia(ctx.media, [stored], () =>
    ctx.events.transaction(ctx.db, async ({ trx, record }) => {
      if (stored) await recordMediaFile(trx, viewer.userId, stored);
      const now = new Date().toISOString();
      const row = await insertEvent(trx, {
        owner_id: viewer.userId,
        name,
        location,
        description,
        start_date: start.date,
        start_time: start.time,
        end_date: end.date,
        end_time: end.time,
        cover: stored?.url ?? coverUrl,
        created_at: now,
        updated_at: now,
      });
      await record('event.created', { event: [row.id], user: [viewer.userId] }, viewer.userId);
      return row;
    }),
  );
}

/**
 * Sets the viewer's going (or interested) answer to an event. The event's
 * counts are recounted in the same transaction.
 */
export async function respondToEvent(ctx: Context, eventId: number, response: EventResponse, want: boolean): Promise<EventRow> {
  const viewer = requireViewer(ctx);
  await requireEvent(ctx, eventId);
  const row = await ctx.events.transaction(ctx.db, async ({ trx }) => {
    const has = await hasResponse(trx, eventId, viewer.userId, response);
    if (want && !has) await addResponse(trx, eventId, viewer.userId, response);
    if (!want && has) await removeResponse(trx, eventId, viewer.userId, response);
    return recountResponses(trx, eventId);
  });
  ctx.loaders.listingEvent.clear(eventId).prime(eventId, row);
  ctx.loaders.eventResponses.clear(`${viewer.userId}:${eventId}`);
  return row;
}

/** `YYYY-MM-DD HH:MM` now, UTC: events whose end is not before it have not ended. */
function nowMinute(): string {
  return new Date().toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The viewer's own events (`mine`), or the events of others that have not ended yet (everyone's,
 * for an anonymous caller); newest first, one window.
 */
export async function listEventsFor(ctx: Context, mine: boolean, window: Window): Promise<EventRow[]> {
  const viewerId = mine ? requireViewer(ctx).userId : (ctx.viewer?.userId ?? null);
  const rows = await listEvents(
    ctx.db,
    {
      ownerId: mine ? viewerId : null,
      exceptOwnerId: mine ? null : viewerId,
      endingFrom: mine ? null : nowMinute(),
    },
    window,
  );
  for (const row of rows) ctx.loaders.listingEvent.prime(row.id, row);
  return rows;
}
