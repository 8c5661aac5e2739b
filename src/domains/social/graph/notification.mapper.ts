import type { NotificationRow } from './notification.row';
import type { Notification, NotificationSubject, NotificationType } from './notification.type';

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    notifierId: row.notifier_id,
    type: row.type as NotificationType,
    refType: row.ref_type as NotificationSubject | null,
    refId: row.ref_id,
    text: row.text,
    seen: row.seen_at !== null,
    seenAt: row.seen_at === null ? null : new Date(row.seen_at),
    createdAt: new Date(row.created_at),
  };
}
