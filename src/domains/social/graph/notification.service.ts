import type { UnitOfWork } from '../../../events/domain-event.publisher';
import type { Context } from '../../../graphql/context.types';
import { BadUserInputError, NotFoundError } from '../../../errors';
import { requireViewer } from '../../shared/viewer.guard';
import { blockBetween } from './block.repository';
import type { Window } from '../../../db/keyset';
import { countNotifications, countUnseen, findNotification, hasNotification, insertNotification, listNotifications, markSeen } from './notification.repository';
import { NOTIFICATION_EVENT } from './notification.type';
import type { NotificationRow } from './notification.row';

/** What a notification says; `once` skips it when the same notifier already sent the same one. */
export interface NotificationDraft {
  recipientId: number;
  /** Who caused it; null for the system (a webhook the gateway disabled). */
  notifierId: number | null;
  type: string;
  refType?: string | null;
  refId?: number | null;
  text?: string;
  once?: boolean;
  /** The caller has just refused a block between recipient and notifier (either way): notify does not read it again. */
  blockChecked?: boolean;
}

const EXCERPT_LENGTH = 100;

/** The first words of a text, for a notification's excerpt. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * Notifies a user inside the caller's unit of work. Nobody is notified of their own doing, nor
 * across a block either way. The `notification.created` event it records reaches the recipient's
 * `notificationAdded` subscription after the transaction commits, so a rolled-back change notifies
 * nobody. Returns the notification, or null when none was due.
 */
export async function notify(unit: Pick<UnitOfWork, 'trx' | 'record'>, draft: NotificationDraft): Promise<NotificationRow | null> {
  const { trx, record } = unit;
  if (draft.recipientId === draft.notifierId) return null;
  if (draft.notifierId !== null && !draft.blockChecked && (await blockBetween(trx, draft.recipientId, draft.notifierId))) return null;
  const key = { recipientId: draft.recipientId, notifierId: draft.notifierId, type: draft.type, refType: draft.refType ?? null, refId: draft.refId ?? null };
  if (draft.once && (await hasNotification(trx, key))) return null;
  const row = await insertNotification(trx, {
    recipient_id: key.recipientId,
    notifier_id: key.notifierId,
    type: key.type,
    ref_type: key.refType,
    ref_id: key.refId,
    text: draft.text ?? '',
    created_at: new Date().toISOString(),
  });
  await record(NOTIFICATION_EVENT, { notification: [row.id], user: [row.recipient_id] }, row.notifier_id);
  return row;
}

/** A window of the viewer's notifications, newest first. */
export function viewerNotifications(ctx: Context, unseenOnly: boolean, window: Window): Promise<NotificationRow[]> {
  return listNotifications(ctx.db, requireViewer(ctx).userId, unseenOnly, window);
}

/** How many notifications the viewer has (unseen ones only, or all). */
export function countViewerNotifications(ctx: Context, unseenOnly: boolean): Promise<number> {
  return countNotifications(ctx.db, requireViewer(ctx).userId, unseenOnly);
}

export function unseenNotificationCount(ctx: Context): Promise<number> {
  return countUnseen(ctx.db, requireViewer(ctx).userId);
}

/** Marks the viewer's notifications seen (the given ones, or all); others' ids are ignored. Returns how many changed. */
export async function markNotificationsSeen(ctx: Context, ids: number[] | null): Promise<number> {
  const viewer = requireViewer(ctx);
  if (ids !== null && ids.length === 0) return 0;
  if (ids !== null && ids.length > 500) throw new BadUserInputError('At most 500 ids at once', 'ids');
  return ctx.events.transaction(ctx.db, ({ trx }) => markSeen(trx, viewer.userId, ids));
}

/** One of the viewer's notifications; another user's is NOT_FOUND, like a missing one. */
export async function requireNotification(ctx: Context, id: number): Promise<NotificationRow> {
  const row = await findNotification(ctx.db, id);
  if (!row || row.recipient_id !== requireViewer(ctx).userId) throw new NotFoundError(`Notification ${id} does not exist`);
  return row;
}
