import type { SocialNotificationFragment, SocialTrendingTagFragment } from '../../generated/operations';
import { socialUser } from './user.shape';
import { unixTime } from './legacy-values';

/** The notification fields get-general-data selects. */
export const SOCIAL_NOTIFICATION_FIELDS = /* GraphQL */ `
  fragment SocialNotification on Notification {
    id: databaseId recipientId: recipientDatabaseId notifierId: notifierDatabaseId type refType refId: refDatabaseId text seen createdAt
    notifier { ...SocialUser }
  }
`;

/** The tag fields of trending_hashtag. */
export const SOCIAL_TRENDING_TAG_FIELDS = /* GraphQL */ `
  fragment SocialTrendingTag on Tag { id: databaseId name displayName useCount }
`;

/** A notification as the social API shows one: ids, flags and times as strings, the notifier as user_data. */
export function socialNotification(notification: SocialNotificationFragment): Record<string, unknown> {
  return {
    id: String(notification.id),
    notifier_id: String(notification.notifierId ?? 0),
    recipient_id: String(notification.recipientId),
    type: notification.type.toLowerCase(),
    ref_type: (notification.refType ?? '').toLowerCase(),
    ref_id: String(notification.refId ?? 0),
    text: notification.text,
    seen: notification.seen ? '1' : '0',
    time: unixTime(notification.createdAt),
    notifier: notification.notifier ? socialUser(notification.notifier) : null,
  };
}

/** A hashtag as trending_hashtag shows one. */
export function socialTrendingTag(tag: SocialTrendingTagFragment): Record<string, unknown> {
  return { id: String(tag.id), hash: tag.name, tag: tag.displayName, trend_use_num: String(tag.useCount) };
}
