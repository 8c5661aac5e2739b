import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, Notifications } from '../../db/schema';

type Db = Kysely<DB>;
export type NotificationRow = Selectable<Notifications>;

export function insertNotification(db: Db, values: Insertable<Notifications>): Promise<NotificationRow> {
  return db.insertInto('notifications').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findNotification(db: Db, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
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

/** A recipient's notifications newest first, before an id, optionally unseen ones only. */
export function listNotifications(db: Db, recipientId: number, q: { unseenOnly: boolean; limit: number; beforeId: number | null }): Promise<NotificationRow[]> {
  let query = db.selectFrom('notifications').selectAll().where('recipient_id', '=', recipientId);
  if (q.unseenOnly) query = query.where('seen_at', 'is', null);
  if (q.beforeId !== null) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
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
