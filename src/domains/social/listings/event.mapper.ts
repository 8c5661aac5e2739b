import type { Event } from './event.type';
import type { EventRow } from './event.row';

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
