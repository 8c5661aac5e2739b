import type { Subscriber } from './subscriber.type';
import type { SubscriberRow } from './subscriber.row';

const date = (value: string | null) => (value === null ? null : new Date(value));

export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    psid: row.psid,
    pageId: row.page_id,
    firstName: row.first_name,
    lastName: row.last_name,
    fullName: row.full_name,
    gender: row.gender,
    locale: row.locale,
    timezone: row.timezone,
    unavailable: row.unavailable === 1,
    lastErrorMessage: row.last_error_message,
    lastErrorMessageBroadcast: row.last_error_message_broadcast,
    referrerSource: row.referrer_source,
    subscribedAt: date(row.subscribed_at),
    email: row.email,
    phoneNumber: row.phone_number,
    birthdate: row.birthdate,
    lastInteractionAt: date(row.last_interaction_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
