import type { Selectable } from 'kysely';
import type { Labels } from '../../db/schema';

export type LabelRow = Selectable<Labels>;

/** A label row with the subscriber it was fetched for. */
export type LabelOfSubscriber = LabelRow & { subscriber_id: number };
