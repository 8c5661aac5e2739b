import type { Selectable } from 'kysely';
import type { Events } from '../../../db/schema';

export type EventRow = Selectable<Events>;

/** The two answers a user may give an event, each a row of its own in event_responses. */
export enum EventResponse {
  Going = 'going',
  Interested = 'interested',
}
