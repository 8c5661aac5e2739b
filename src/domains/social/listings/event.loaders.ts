import type { Database } from '../../../db/connection';
import { byId, perUserValues } from '../../../graphql/batch';
import type { EventRow } from './event.row';
import { findEventsByIds, responsesOfUser } from './event.repository';

/** The answers for a key no lookup returned (never reached: every event asked for gets its own set). */
const NO_RESPONSES: ReadonlySet<string> = Object.freeze(new Set<string>());

/** Per-request loaders of events: rows by id, and a user's answers keyed `userId:eventId`. */
export function createEventLoaders(db: Database) {
  return {
    listingEvent: byId<EventRow>((ids) => findEventsByIds(db, ids)),
    /** The responses (going, interested) a user gave an event, keyed `userId:eventId`. */
    eventResponses: perUserValues<ReadonlySet<string>>(async (userId, eventIds) => {
      // A fresh set for every event asked for, so no two keys share one.
      const answers = new Map<number, Set<string>>(eventIds.map((eventId) => [eventId, new Set<string>()]));
      for (const row of await responsesOfUser(db, userId, eventIds)) answers.get(row.event_id)?.add(row.response);
      return answers;
    }, NO_RESPONSES),
  };
}
