import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, Events } from '../../../db/schema';
import { applyWindow, type Window } from '../../../db/keyset';
import { EventResponse, type EventRow } from './event.row';

type Db = Kysely<DB>;

export function findEventsByIds(db: Db, ids: readonly number[]): Promise<EventRow[]> {
  return db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
}

export function insertEvent(db: Db, values: Insertable<Events>): Promise<EventRow> {
  return db.insertInto('events').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface EventListQuery {
  /** Only this owner's events. */
  ownerId: number | null;
  /** Everyone's but this user's events. */
  exceptOwnerId: number | null;
  /** Only events that end at or after this `YYYY-MM-DD HH:MM` (UTC). */
  endingFrom: string | null;
}

/** Events newest first (by id): one window. */
export function listEvents(db: Db, q: EventListQuery, window: Window): Promise<EventRow[]> {
  let query = db.selectFrom('events').selectAll();
  if (q.ownerId !== null) query = query.where('owner_id', '=', q.ownerId);
  if (q.exceptOwnerId !== null) query = query.where('owner_id', '!=', q.exceptOwnerId);
  if (q.endingFrom !== null) query = query.where(sql<string>`end_date || ' ' || end_time`, '>=', q.endingFrom);
  return applyWindow(query, ['id'], 'desc', window).execute();
}

/** Which of the given events a user answered, and how. */
export function responsesOfUser(db: Db, userId: number, eventIds: readonly number[]) {
  return db.selectFrom('event_responses').select(['event_id', 'response']).where('user_id', '=', userId).where('event_id', 'in', eventIds).execute();
}

export async function hasResponse(db: Db, eventId: number, userId: number, response: EventResponse): Promise<boolean> {
  const row = await db.selectFrom('event_responses').select('event_id').where('event_id', '=', eventId).where('user_id', '=', userId).where('response', '=', response).executeTakeFirst();
  return row !== undefined;
}

export async function addResponse(db: Db, eventId: number, userId: number, response: EventResponse): Promise<void> {
  await db
    .insertInto('event_responses')
    .values({ event_id: eventId, user_id: userId, response, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeResponse(db: Db, eventId: number, userId: number, response: EventResponse): Promise<void> {
  await db.deleteFrom('event_responses').where('event_id', '=', eventId).where('user_id', '=', userId).where('response', '=', response).execute();
}

/** Sets an event's going and interested counts from its responses. */
export function recountResponses(db: Db, eventId: number): Promise<EventRow> {
  const count = (response: EventResponse) =>
    db
      .selectFrom('event_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', eventId)
      .where('response', '=', response);
  return db
    .updateTable('events')
    .set({ going_count: count(EventResponse.Going), interested_count: count(EventResponse.Interested), updated_at: new Date().toISOString() })
    .where('id', '=', eventId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
