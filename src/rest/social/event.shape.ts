import type { SocialEventFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { flag, unixTime } from './legacy-values';

/** The event fields the social operations select. */
export const SOCIAL_EVENT_FIELDS = /* GraphQL */ `
  fragment SocialEvent on Event {
    id: databaseId ownerId: ownerDatabaseId name location description startDate startTime endDate endTime cover
    goingCount interestedCount viewerGoing viewerInterested createdAt
    owner { ...SocialUser }
  }
`;

/** An event as the social API shows one: WoWonder's keys, ids, counts, flags and times as strings, the owner as `user_data`. */
export function socialEvent(event: SocialEventFragment): Record<string, unknown> {
  return {
    id: String(event.id),
    name: event.name,
    location: event.location,
    description: event.description,
    start_date: event.startDate,
    start_time: event.startTime,
    end_date: event.endDate,
    end_time: event.endTime,
    poster_id: String(event.ownerId),
    cover: event.cover ?? '',
    going_count: String(event.goingCount),
    interested_count: String(event.interestedCount),
    is_going: flag(event.viewerGoing),
    is_interested: flag(event.viewerInterested),
    time: unixTime(event.createdAt),
    user_data: socialUser(event.owner),
  };
}
