import type { Selectable } from 'kysely';
import type { Subscribers } from '../../db/schema';

export type SubscriberRow = Selectable<Subscribers>;

/** A subscriber row with the label it was fetched for. */
export type SubscriberOfLabel = SubscriberRow & { for_label_id: number };
