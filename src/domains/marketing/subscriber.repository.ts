import { type Insertable, type Kysely } from 'kysely';
import { inChunks } from '../../db/chunks';
import { applyWindow, type Window } from '../../db/keyset';
import type { DB, Subscribers } from '../../db/schema';
import type { SubscriberOfLabel, SubscriberRow } from './subscriber.row';
import { rankWithin, windowOfEach } from '../../db/ranked-window';

type Db = Kysely<DB>;

export function findSubscribersByIds(db: Db, ids: readonly number[]): Promise<SubscriberRow[]> {
  return db.selectFrom('subscribers').selectAll().where('id', 'in', ids).execute();
}

export function findSubscriber(db: Db, pageId: number, psid: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('page_id', '=', pageId).where('psid', '=', psid).executeTakeFirst();
}

/** A PSID on any of an owner's bot pages (the first page's, should two pages share it). */
export function findOwnedSubscriber(db: Db, ownerId: number, psid: string): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('subscribers as s')
    .innerJoin('pages as p', 'p.id', 's.page_id')
    .selectAll('s')
    .where('s.psid', '=', psid)
    .where('p.owner_id', '=', ownerId)
    .where('p.bot_enabled', '=', 1)
    .orderBy('s.page_id')
    .limit(1)
    .executeTakeFirst();
}

function subscribersOfPage(db: Db, pageId: number, labelId: number | null) {
  let query = db.selectFrom('subscribers as s').where('s.page_id', '=', pageId);
  if (labelId !== null) {
    query = query.where((eb) => eb.exists(eb.selectFrom('subscriber_labels as sl').select('sl.label_id').whereRef('sl.subscriber_id', '=', 's.id').where('sl.label_id', '=', labelId)));
  }
  return query;
}

/** A window of a page's subscribers in the order they were added (keyset on id), optionally only those with one label. */
export function listSubscribersOfPage(db: Db, q: { pageId: number; labelId: number | null }, window: Window): Promise<SubscriberRow[]> {
  return applyWindow(subscribersOfPage(db, q.pageId, q.labelId).selectAll('s'), ['s.id'], 'asc', window).execute();
}

/** How many subscribers a page has (with one label, when given). */
export async function countSubscribersOfPage(db: Db, q: { pageId: number; labelId: number | null }): Promise<number> {
  return Number(
    (
      await subscribersOfPage(db, q.pageId, q.labelId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** The same window (keyset on subscriber id, in the order they were added) of each label's subscribers, in one statement. */
export function subscribersOfLabels(db: Db, labelIds: readonly number[], window: Window): Promise<SubscriberOfLabel[]> {
  let ranked = db
    .selectFrom('subscriber_labels as sl')
    .innerJoin('subscribers as s', 's.id', 'sl.subscriber_id')
    .selectAll('s')
    .select(['sl.label_id as for_label_id', rankWithin('sl.label_id', 's.id', window)])
    .where('sl.label_id', 'in', labelIds);
  if (window.after) ranked = ranked.where('s.id', '>', window.after[0] as number);
  if (window.before) ranked = ranked.where('s.id', '<', window.before[0] as number);
  return windowOfEach(db, ranked, 'for_label_id', window);
}

/** Subscribers per label, in one statement. */
export async function countSubscribersByLabels(db: Db, labelIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('subscriber_labels')
    .select(['label_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('label_id', 'in', labelIds)
    .groupBy('label_id')
    .execute();
  return new Map(rows.map((row) => [row.label_id, Number(row.n)]));
}

/** A page's subscribers with any of the PSIDs, in statements of CHUNK PSIDs. */
export function findSubscribersByPsids(db: Db, pageId: number, psids: readonly string[]): Promise<SubscriberRow[]> {
  return inChunks(psids, (part) => db.selectFrom('subscribers').selectAll().where('page_id', '=', pageId).where('psid', 'in', part).execute());
}

/**
 * Inserts full subscriber rows, or overwrites the stored row of the same page and PSID with them
 * (the caller merged the stored values in first), in statements of CHUNK rows. Every row must
 * carry the same columns.
 */
export function upsertSubscriberRows(db: Db, rows: Insertable<Subscribers>[]): Promise<{ id: number; psid: string }[]> {
  return inChunks(rows, (part) => upsertSubscriberChunk(db, part));
}

function upsertSubscriberChunk(db: Db, rows: Insertable<Subscribers>[]): Promise<{ id: number; psid: string }[]> {
  return db
    .insertInto('subscribers')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['page_id', 'psid']).doUpdateSet((eb) => ({
        first_name: eb.ref('excluded.first_name'),
        last_name: eb.ref('excluded.last_name'),
        full_name: eb.ref('excluded.full_name'),
        gender: eb.ref('excluded.gender'),
        locale: eb.ref('excluded.locale'),
        timezone: eb.ref('excluded.timezone'),
        unavailable: eb.ref('excluded.unavailable'),
        last_error_message: eb.ref('excluded.last_error_message'),
        last_error_message_broadcast: eb.ref('excluded.last_error_message_broadcast'),
        referrer_source: eb.ref('excluded.referrer_source'),
        subscribed_at: eb.ref('excluded.subscribed_at'),
        email: eb.ref('excluded.email'),
        phone_number: eb.ref('excluded.phone_number'),
        birthdate: eb.ref('excluded.birthdate'),
        last_interaction_at: eb.ref('excluded.last_interaction_at'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'psid'])
    .execute();
}
