import type { Database } from '../../db/connection';
import type { Window } from '../../db/keyset';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import type { LabelOfSubscriber, LabelRow } from './label.mapper';
import { findLabelsByIds, labelsOfSubscribers } from './label.repository';
import type { SubscriberRow } from './subscriber.mapper';
import { countSubscribersByLabels, findSubscribersByIds, type SubscriberOfLabel, subscribersOfLabels } from './subscriber.repository';

/** The key of a label's subscriber list: which label and which window. */
export const labelListKey = (labelId: number, window: Window) => `${labelId}:${JSON.stringify(window)}`;

/** Per-request loaders of subscribers: by id, a subscriber's labels, a label's subscribers. */
export function createSubscriberLoaders(db: Database) {
  return {
    label: byId<LabelRow>((ids) => findLabelsByIds(db, ids)),
    subscriber: byId<SubscriberRow>((ids) => findSubscribersByIds(db, ids)),
    subscriberLabels: new RequestLoader<number, LabelOfSubscriber[]>(async (ids) => grouped(ids, await labelsOfSubscribers(db, ids), (row) => row.subscriber_id)),
    /** Keyed `labelId:window`; one statement per distinct window in a batch (usually one). */
    labelSubscribers: new RequestLoader<string, SubscriberOfLabel[]>(async (keys) => {
      const labelsByWindow = new Map<string, number[]>();
      for (const key of keys) {
        const colon = key.indexOf(':');
        const windowKey = key.slice(colon + 1);
        labelsByWindow.set(windowKey, [...(labelsByWindow.get(windowKey) ?? []), Number(key.slice(0, colon))]);
      }
      const lists = new Map<string, SubscriberOfLabel[]>();
      for (const [windowKey, labelIds] of labelsByWindow) {
        const window = JSON.parse(windowKey) as Window;
        const rows = await subscribersOfLabels(db, labelIds, window);
        grouped(labelIds, rows, (row) => row.for_label_id).forEach((list, i) => lists.set(labelListKey(labelIds[i], window), list));
      }
      return keys.map((key) => lists.get(key) ?? []);
    }),
    labelSubscriberCount: new RequestLoader<number, number>(async (labelIds) => {
      const counts = await countSubscribersByLabels(db, labelIds);
      return labelIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
