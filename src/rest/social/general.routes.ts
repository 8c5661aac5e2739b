import type { SocialGeneralDataQuery } from '../../generated/operations';
import type { LegacyRoute } from '../route';
import { ok } from './envelope';
import { SOCIAL_NOTIFICATION_FIELDS, SOCIAL_TRENDING_TAG_FIELDS, socialNotification, socialTrendingTag } from './general.shape';
import { SOCIAL_PAGE_FIELDS, socialPage } from './place.shape';
import { SOCIAL_USER_FIELDS, socialUser } from './user.shape';
import { fetchKeys } from './fetch-keys';

const GENERAL_FETCH_KEYS = ['notifications', 'friend_requests', 'pro_users', 'promoted_pages', 'trending_hashtag', 'count_new_messages'] as const;

/** How many of each list get-general-data answers. */
const SIZES = { notifications: 50, requests: 50, pro: 20, promoted: 20, trending: 10 };

/** The social API's get-general-data: the viewer's notifications, requests and counts, and site-wide lists. */
export const socialGeneralRoutes: LegacyRoute[] = [
  {
    method: 'POST',
    path: '/get-general-data',
    summary: 'Notifications, follow requests, pro users, promoted pages, trending hashtags and the unread message count (fetch keys)',
    auth: 'user',
    params: [{ name: 'fetch', type: 'array', required: true, enum: GENERAL_FETCH_KEYS, description: `Comma-separated: ${GENERAL_FETCH_KEYS.join(', ')}` }],
    operation: /* GraphQL */ `
      query SocialGeneralData(
        $notifications: Boolean!, $requests: Boolean!, $pro: Boolean!, $promoted: Boolean!, $trending: Boolean!, $messages: Boolean!,
        $notificationCount: Int!, $requestCount: Int!, $proCount: Int!, $promotedCount: Int!, $trendingCount: Int!
      ) {
        notifications(first: $notificationCount) @include(if: $notifications) { nodes { ...SocialNotification } }
        followRequests(first: $requestCount) @include(if: $requests) { nodes { ...SocialUser } }
        proUsers: users(filter: { pro: true }, first: $proCount) @include(if: $pro) { nodes { ...SocialUser } }
        promotedPages(first: $promotedCount) @include(if: $promoted) { nodes { ...SocialPage } }
        trendingTags(first: $trendingCount) @include(if: $trending) { ...SocialTrendingTag }
        unreadCount @include(if: $messages)
      }
      ${SOCIAL_NOTIFICATION_FIELDS}
      ${SOCIAL_USER_FIELDS}
      ${SOCIAL_PAGE_FIELDS}
      ${SOCIAL_TRENDING_TAG_FIELDS}
    `,
    variables: ({ values }) => {
      const wanted = fetchKeys(values, GENERAL_FETCH_KEYS);
      return {
        notifications: wanted.includes('notifications'),
        requests: wanted.includes('friend_requests'),
        pro: wanted.includes('pro_users'),
        promoted: wanted.includes('promoted_pages'),
        trending: wanted.includes('trending_hashtag'),
        messages: wanted.includes('count_new_messages'),
        notificationCount: SIZES.notifications,
        requestCount: SIZES.requests,
        proCount: SIZES.pro,
        promotedCount: SIZES.promoted,
        trendingCount: SIZES.trending,
      };
    },
    respond: (data: SocialGeneralDataQuery) => {
      const body: Record<string, unknown> = {};
      if (data.notifications) body.notifications = data.notifications.nodes.map(socialNotification);
      if (data.followRequests) body.friend_requests = data.followRequests.nodes.map(socialUser);
      if (data.proUsers) body.pro_users = data.proUsers.nodes.map(socialUser);
      if (data.promotedPages) body.promoted_pages = data.promotedPages.nodes.map(socialPage);
      if (data.trendingTags) body.trending_hashtag = data.trendingTags.map(socialTrendingTag);
      if (data.unreadCount != null) body.count_new_messages = data.unreadCount;
      return ok(body);
    },
    note:
      `Answers exactly the fetch keys asked for. notifications: the newest ${SIZES.notifications} (reading does not mark them seen); ` +
      'friend_requests: follow requests waiting for the caller; trending_hashtag: the tags used most in the last 7 days; ' +
      "count_new_messages: unread messages over all the caller's chats, a number.",
  },
];
