import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import type { LabelOfSubscriber } from './label.mapper';
import { labelsOfSubscribers } from './label.repository';
import type { SubscriberRow } from './subscriber.mapper';
import { findSubscribersByIds, type SubscriberOfLabel, subscribersOfLabels } from './subscriber.repository';

/** The key of a label's subscriber list: which label and how many. */
export const labelListKey = (labelId: number, limit: number) => `${labelId}:${limit}`;

/** Per-request loaders of subscribers: by id, a subscriber's labels, a label's subscribers. */
export function createSubscriberLoaders(db: Database) {
  return {
    subscriber: byId<SubscriberRow>((ids) => findSubscribersByIds(db, ids)),
    subscriberLabels: new RequestLoader<number, LabelOfSubscriber[]>(async (ids) => grouped(ids, await labelsOfSubscribers(db, ids), (row) => row.subscriber_id)),
    /** Keyed `labelId:limit`; one statement per distinct limit in a batch. */
    labelSubscribers: new RequestLoader<string, SubscriberOfLabel[]>(async (keys) => {
      const labelsByLimit = new Map<number, number[]>();
      for (const key of keys) {
        const [labelId, limit] = key.split(':').map(Number);
        labelsByLimit.set(limit, [...(labelsByLimit.get(limit) ?? []), labelId]);
      }
      const lists = new Map<string, SubscriberOfLabel[]>();
      for (const [limit, labelIds] of labelsByLimit) {
        const rows = await subscribersOfLabels(db, labelIds, limit);
        grouped(labelIds, rows, (row) => row.for_label_id).forEach((list, i) => lists.set(labelListKey(labelIds[i], limit), list));
      }
      return keys.map((key) => lists.get(key) ?? []);
    }),
  };
}
