import DataLoader from 'dataloader';
import type { Database } from '../../db/connection';
import { byId } from '../../graphql/batch';
import type { EventRow } from './event.mapper';
import { findEventsByIds, responsesOfUser } from './event.repository';

/** Per-request loaders of events: rows by id, and a user's answers keyed `userId:eventId`. */
export function createEventLoaders(db: Database) {
  return {
    catalogEvent: byId<EventRow>((ids) => findEventsByIds(db, ids)),
    /** The responses (going, interested) a user gave an event, keyed `userId:eventId`. */
    eventResponses: new DataLoader<string, Set<string>>(async (keys) => {
      const byUser = new Map<number, number[]>();
      for (const key of keys) {
        const [userId, eventId] = key.split(':').map(Number);
        byUser.set(userId, [...(byUser.get(userId) ?? []), eventId]);
      }
      const answers = new Map<string, Set<string>>(keys.map((key) => [key, new Set<string>()]));
      for (const [userId, eventIds] of byUser) {
        for (const row of await responsesOfUser(db, userId, eventIds)) answers.get(`${userId}:${row.event_id}`)?.add(row.response);
      }
      return keys.map((key) => answers.get(key)!);
    }),
  };
}
