import type { Insertable, Kysely } from 'kysely';
import { applyWindow, type Window } from '../../../db/keyset';
import type { DB, Notifications } from '../../../db/schema';
import type { NotificationRow } from './notification.row';

type Db = Kysely<DB>;

export function insertNotification(db: Db, values: Insertable<Notifications>): Promise<NotificationRow> {
  return db.insertInto('notifications').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findNotification(db: Db, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Notifications by id, whoever they are for (callers check the recipient). */
export function findNotificationsByIds(db: Db, ids: readonly number[]): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().where('id', 'in', ids).execute();
}

const AUTHORED_TABLE = { POST: 'posts', COMMENT: 'comments', REPLY: 'replies' } as const;

/** The author of a post, comment or reply; undefined when it is gone. */
export async function findAuthorId(db: Db, refType: keyof typeof AUTHORED_TABLE, refId: number): Promise<number | undefined> {
  const row = await db.selectFrom(AUTHORED_TABLE[refType]).select('user_id').where('id', '=', refId).executeTakeFirst();
  return row?.user_id;
}

/** Whether this notifier already told this recipient this kind of thing about this item. */
export async function hasNotification(db: Db, n: { recipientId: number; notifierId: number | null; type: string; refType: string | null; refId: number | null }): Promise<boolean> {
  let query = db.selectFrom('notifications').select('id').where('recipient_id', '=', n.recipientId).where('type', '=', n.type);
  query = n.notifierId === null ? query.where('notifier_id', 'is', null) : query.where('notifier_id', '=', n.notifierId);
  query = n.refType === null ? query.where('ref_type', 'is', null) : query.where('ref_type', '=', n.refType);
  query = n.refId === null ? query.where('ref_id', 'is', null) : query.where('ref_id', '=', n.refId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Removes the notifications of one type from one user to another (a withdrawn follow request, say). */
export async function deleteNotifications(db: Db, recipientId: number, notifierId: number, type: string): Promise<void> {
  await db.deleteFrom('notifications').where('recipient_id', '=', recipientId).where('notifier_id', '=', notifierId).where('type', '=', type).execute();
}

/** A window of a recipient's notifications, newest first (keyset on id), optionally unseen ones only. */
export function listNotifications(db: Db, recipientId: number, unseenOnly: boolean, window: Window): Promise<NotificationRow[]> {
  let query = db.selectFrom('notifications').selectAll().where('recipient_id', '=', recipientId);
  if (unseenOnly) query = query.where('seen_at', 'is', null);
  return applyWindow(query, ['id'], 'desc', window).execute();
}

/** A recipient's notifications by id (others' are not found). */
export function notificationsOf(db: Db, recipientId: number, ids: readonly number[]): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().where('recipient_id', '=', recipientId).where('id', 'in', ids).execute();
}

/** How many notifications a recipient has (unseen ones only, or all). */
export async function countNotifications(db: Db, recipientId: number, unseenOnly: boolean): Promise<number> {
  let query = db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', recipientId);
  if (unseenOnly) query = query.where('seen_at', 'is', null);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function countUnseen(db: Db, recipientId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', recipientId)
    .where('seen_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a recipient's unseen notifications seen: the given ids, or all of them. Returns how many changed. */
export async function markSeen(db: Db, recipientId: number, ids: readonly number[] | null): Promise<number> {
  let query = db.updateTable('notifications').set({ seen_at: new Date().toISOString() }).where('recipient_id', '=', recipientId).where('seen_at', 'is', null);
  if (ids !== null) query = query.where('id', 'in', ids);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
