import type { SocialCreateEventMutation, SocialEventAnswersQuery, SocialEventsQuery, SocialGoToEventMutation, SocialInterestEventMutation } from '../../generated/operations';
import { toGlobalId } from '../../graphql/node';
import { ErrorCode } from '../../errors';
import { UploadedFile } from '../../media/uploaded-file';
import { LegacyError, type LegacyRoute } from '../route';
import { afterParam, limitParam } from './listing.input';
import { ok } from './envelope';
import { SOCIAL_EVENT_FIELDS, socialEvent } from './event.shape';
import { SOCIAL_USER_FIELDS } from './user.shape';
import { fetchKeys } from './fetch-keys';

const EVENT_FETCH_KEYS = ['events', 'my_events'] as const;

const eventIdOf = (values: Record<string, unknown>) => toGlobalId('Event', values.event_id as number);

/** The toggles' read: the caller's answers to the event, which the toggle flips. */
const EVENT_ANSWERS: LegacyRoute['prelude'] = {
  operation: /* GraphQL */ `query SocialEventAnswers($id: ID!) { event(id: $id) { viewerGoing viewerInterested } }`,
  variables: ({ values }) => ({ id: eventIdOf(values) }),
};

export const socialEventRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/create-event',
    summary: 'Create an event',
    auth: 'user',
    params: [
      { name: 'event_name', type: 'string', required: true, description: 'At least 5 characters' },
      { name: 'event_location', type: 'string', required: true },
      { name: 'event_description', type: 'string', required: true, description: 'At least 10 characters' },
      { name: 'event_start_date', type: 'string', required: true, description: 'YYYY-MM-DD' },
      { name: 'event_end_date', type: 'string', required: true, description: 'YYYY-MM-DD, not before the start' },
      { name: 'event_start_time', type: 'string', required: true, description: 'HH:MM (00:00 to 23:59)' },
      { name: 'event_end_time', type: 'string', required: true, description: 'HH:MM (00:00 to 23:59)' },
      { name: 'event_cover', type: 'file', description: 'A multipart image: jpg, jpeg, png, gif (or an image URL as text)' },
    ],
    operation: /* GraphQL */ `mutation SocialCreateEvent($input: CreateEventInput!) { createEvent(input: $input) { id: databaseId } }`,
    variables: ({ values: v }) => {
      const cover = v.event_cover;
      if (cover !== undefined && !(cover instanceof UploadedFile) && typeof cover !== 'string') {
        throw new LegacyError(ErrorCode.BadUserInput, 'event_cover must be one image file');
      }
      return {
        input: {
          name: v.event_name,
          location: v.event_location,
          description: v.event_description,
          startDate: v.event_start_date,
          startTime: v.event_start_time,
          endDate: v.event_end_date,
          endTime: v.event_end_time,
          cover: cover instanceof UploadedFile ? cover : null,
          coverUrl: typeof cover === 'string' ? cover : null,
        },
      };
    },
    fieldNames: {
      name: 'event_name',
      location: 'event_location',
      description: 'event_description',
      startDate: 'event_start_date',
      startTime: 'event_start_time',
      endDate: 'event_end_date',
      endTime: 'event_end_time',
      cover: 'event_cover',
      coverUrl: 'event_cover',
    },
    respond: (data: SocialCreateEventMutation) => ok({ event_id: data.createEvent.id }),
    note: "event_id is a number, as the document's example shows. Times may also be sent as H:MM; they are stored as HH:MM. event_cover also takes an http(s) image URL as text.",
  },
  {
    method: 'POST',
    path: '/get-events',
    summary: "Get others' events that have not ended (events) and the caller's own (my_events)",
    auth: 'user',
    params: [
      { name: 'fetch', type: 'array', required: true, enum: EVENT_FETCH_KEYS, description: `Comma-separated: ${EVENT_FETCH_KEYS.join(', ')}` },
      { name: 'limit', type: 'integer', description: 'Default: 35, at most 100' },
      { name: 'offset', type: 'integer', description: 'events before this event id' },
      { name: 'my_offset', type: 'integer', description: 'my_events before this event id' },
    ],
    operation: /* GraphQL */ `
      query SocialEvents($limit: Int!, $offset: String, $myOffset: String, $others: Boolean!, $mine: Boolean!) {
        others: events(first: $limit, after: $offset) @include(if: $others) { nodes { ...SocialEvent } }
        mine: events(mine: true, first: $limit, after: $myOffset) @include(if: $mine) { nodes { ...SocialEvent } }
      }
      ${SOCIAL_EVENT_FIELDS}
      ${SOCIAL_USER_FIELDS}
    `,
    variables: ({ values }) => {
      const wanted = fetchKeys(values, EVENT_FETCH_KEYS);
      return {
        limit: limitParam(values, 35),
        offset: afterParam(values, 'offset'),
        myOffset: afterParam(values, 'my_offset'),
        others: wanted.includes('events'),
        mine: wanted.includes('my_events'),
      };
    },
    respond: (data: SocialEventsQuery) => {
      const body: Record<string, unknown> = {};
      if (data.others) body.events = data.others.nodes.map(socialEvent);
      if (data.mine) body.my_events = data.mine.nodes.map(socialEvent);
      return ok(body);
    },
    note: "events: other users' events whose end is not past (UTC), newest first; my_events: all the caller's own. Each event has WoWonder's keys (id, name, location, description, start_date, start_time, end_date, end_time, poster_id, cover, going_count, interested_count, is_going, is_interested, time, user_data).",
  },
  {
    method: 'POST',
    path: '/go-to-event',
    summary: 'Go to an event, or stop going (toggles)',
    auth: 'user',
    params: [{ name: 'event_id', type: 'integer', required: true }],
    prelude: EVENT_ANSWERS,
    operation: /* GraphQL */ `mutation SocialGoToEvent($input: SetEventGoingInput!) { setEventGoing(input: $input) { id: databaseId viewerGoing } }`,
    variables: ({ values, prelude }) => ({ input: { eventId: eventIdOf(values), going: !(prelude as SocialEventAnswersQuery).event?.viewerGoing } }),
    fieldNames: { eventId: 'event_id' },
    respond: (data: SocialGoToEventMutation) => ok({ go_status: data.setEventGoing.viewerGoing ? 'going' : 'not-going' }),
  },
  {
    method: 'POST',
    path: '/interest-event',
    summary: 'Be interested in an event, or stop (toggles)',
    auth: 'user',
    params: [{ name: 'event_id', type: 'integer', required: true }],
    prelude: EVENT_ANSWERS,
    operation: /* GraphQL */ `mutation SocialInterestEvent($input: SetEventInterestedInput!) { setEventInterested(input: $input) { id: databaseId viewerInterested } }`,
    variables: ({ values, prelude }) => ({ input: { eventId: eventIdOf(values), interested: !(prelude as SocialEventAnswersQuery).event?.viewerInterested } }),
    fieldNames: { eventId: 'event_id' },
    respond: (data: SocialInterestEventMutation) => ok({ interest_status: data.setEventInterested.viewerInterested ? 'interested' : 'not-interested' }),
  },
];
