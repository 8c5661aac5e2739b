import type { Selectable } from 'kysely';
import type { Labels } from '../../db/schema';
import type { Label } from './label.type';

export type LabelRow = Selectable<Labels>;

/** A label row with the subscriber it was fetched for. */
export type LabelOfSubscriber = LabelRow & { subscriber_id: number };

export function toLabel(row: LabelRow): Label {
  return { id: row.id, labelId: row.label_id, name: row.label_name, pageId: row.page_id, createdAt: new Date(row.created_at) };
}
