import type { Selectable } from 'kysely';
import type { Events } from '../../../db/schema';
import type { Event } from './event.type';

export type EventRow = Selectable<Events>;

/** The two answers a user may give an event, each a row of its own in event_responses. */
export enum EventResponse {
  Going = 'going',
  Interested = 'interested',
}

export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    location: row.location,
    description: row.description,
    startDate: row.start_date,
    startTime: row.start_time,
    endDate: row.end_date,
    endTime: row.end_time,
    cover: row.cover,
    goingCount: row.going_count,
    interestedCount: row.interested_count,
    createdAt: new Date(row.created_at),
  };
}
