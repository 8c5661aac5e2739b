import type { Insertable, Kysely } from 'kysely';
import type { DB, Labels } from '../../db/schema';
import type { LabelOfSubscriber, LabelRow } from './label.row';

type Db = Kysely<DB>;

/** A page's labels in the order they were made. */
export function labelsOfPage(db: Db, pageId: number): Promise<LabelRow[]> {
  return db.selectFrom('labels').selectAll().where('page_id', '=', pageId).orderBy('id').execute();
}

/** Labels by id, whatever their page (callers check the owner). */
export function findLabelsByIds(db: Db, ids: readonly number[]): Promise<LabelRow[]> {
  return db.selectFrom('labels').selectAll().where('id', 'in', ids).execute();
}

/** How many labels a page has. */
export async function countLabelsOfPage(db: Db, pageId: number): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('labels')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('page_id', '=', pageId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Labels of one page by their public ids. */
export function findPageLabels(db: Db, pageId: number, labelIds: readonly string[]): Promise<LabelRow[]> {
  return db.selectFrom('labels').selectAll().where('page_id', '=', pageId).where('label_id', 'in', labelIds).execute();
}

export function findLabelByName(db: Db, pageId: number, name: string): Promise<LabelRow | undefined> {
  return db.selectFrom('labels').selectAll().where('page_id', '=', pageId).where('label_name', '=', name).executeTakeFirst();
}

export function insertLabel(db: Db, values: Insertable<Labels>): Promise<LabelRow> {
  return db.insertInto('labels').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The labels of many subscribers in one statement, each list in the order the labels were made. */
export function labelsOfSubscribers(db: Db, subscriberIds: readonly number[]): Promise<LabelOfSubscriber[]> {
  return db
    .selectFrom('subscriber_labels as sl')
    .innerJoin('labels as l', 'l.id', 'sl.label_id')
    .selectAll('l')
    .select('sl.subscriber_id')
    .where('sl.subscriber_id', 'in', subscriberIds)
    .orderBy('sl.subscriber_id')
    .orderBy('l.id')
    .execute();
}

/** Gives labels to a subscriber; answers the label ids it did not have yet. */
export async function insertSubscriberLabels(db: Db, subscriberId: number, labelIds: readonly number[], now: string): Promise<number[]> {
  const rows = await db
    .insertInto('subscriber_labels')
    .values(labelIds.map((labelId) => ({ subscriber_id: subscriberId, label_id: labelId, created_at: now })))
    .onConflict((oc) => oc.columns(['subscriber_id', 'label_id']).doNothing())
    .returning('label_id')
    .execute();
  return rows.map((row) => row.label_id);
}

/** Takes a label from a subscriber; false when it did not have it. */
export async function deleteSubscriberLabel(db: Db, subscriberId: number, labelId: number): Promise<boolean> {
  const result = await db.deleteFrom('subscriber_labels').where('subscriber_id', '=', subscriberId).where('label_id', '=', labelId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
