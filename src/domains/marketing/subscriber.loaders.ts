import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import { windowedLists } from '../../graphql/windowed-lists';
import type { LabelOfSubscriber, LabelRow } from './label.row';
import { findLabelsByIds, labelsOfSubscribers } from './label.repository';
import type { SubscriberOfLabel, SubscriberRow } from './subscriber.row';
import { countSubscribersByLabels, findSubscribersByIds, subscribersOfLabels } from './subscriber.repository';

/** Per-request loaders of subscribers: by id, a subscriber's labels, a label's subscribers. */
export function createSubscriberLoaders(db: Database) {
  return {
    label: byId<LabelRow>((ids) => findLabelsByIds(db, ids)),
    subscriber: byId<SubscriberRow>((ids) => findSubscribersByIds(db, ids)),
    subscriberLabels: new RequestLoader<number, LabelOfSubscriber[]>(async (ids) => grouped(ids, await labelsOfSubscribers(db, ids), (row) => row.subscriber_id)),
    /** Keyed by `windowedListKey(labelId, window)`: one statement per distinct window in a batch. */
    labelSubscribers: windowedLists<SubscriberOfLabel>(
      (labelIds, window) => subscribersOfLabels(db, labelIds, window),
      (row) => row.for_label_id,
    ),
    labelSubscriberCount: new RequestLoader<number, number>(async (labelIds) => {
      const counts = await countSubscribersByLabels(db, labelIds);
      return labelIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
