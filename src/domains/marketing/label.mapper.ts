import type { Label } from './label.type';
import type { LabelRow } from './label.row';

export function toLabel(row: LabelRow): Label {
  return { id: row.id, labelId: row.label_id, name: row.label_name, pageId: row.page_id, createdAt: new Date(row.created_at) };
}
