import type { Insertable } from 'kysely';
import type { Subscribers } from '../../db/schema';
import type { Context } from '../../graphql/context.types';
import { importRows, MAX_IMPORT_ROWS } from './import-rows';
import { requireMembership } from './membership.guard';
import { requireBotPage } from './bot-page.service';
import type { SubscriberImportRow } from './subscriber.input';
import type { SubscriberRow } from './subscriber.row';
import { findSubscribersByPsids, upsertSubscriberRows } from './subscriber.repository';
import { checkImportRow, type SubscriberValues } from './subscriber.rules';
import type { SubscriberImportRejection, SubscriberImportResult } from './subscriber.type';

const DEFAULTS = {
  first_name: '',
  last_name: '',
  full_name: '',
  gender: '',
  locale: '',
  timezone: '',
  unavailable: 0,
  last_error_message: '',
  last_error_message_broadcast: '',
  referrer_source: '',
  subscribed_at: null,
  email: null,
  phone_number: null,
  birthdate: null,
  last_interaction_at: null,
};

function withoutId({ id: _id, ...row }: SubscriberRow): Omit<SubscriberRow, 'id'> {
  return row;
}

/** The full row to write: the stored row (or the defaults) with the import's values over it. */
function merged(pageId: number, psid: string, values: SubscriberValues, stored: SubscriberRow | undefined, now: string): Insertable<Subscribers> {
  const base: Omit<SubscriberRow, 'id'> = stored ? withoutId(stored) : { ...DEFAULTS, page_id: pageId, psid, created_at: now, updated_at: now };
  const row = { ...base, ...values, page_id: pageId, psid, updated_at: now };
  const named = values.first_name !== undefined || values.last_name !== undefined;
  if (values.full_name === undefined && (named || !stored)) row.full_name = [row.first_name, row.last_name].filter(Boolean).join(' ');
  return row;
}

/** Checks every row; the valid ones (first occurrence of each PSID) and the reasons for the others. */
function sortRows(rows: readonly SubscriberImportRow[]) {
  const valid: { psid: string; values: SubscriberValues }[] = [];
  const rejections: SubscriberImportRejection[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((row, index) => {
    const checked = checkImportRow(row);
    const psid = typeof row.psid === 'string' ? row.psid.trim() : null;
    if ('message' in checked) rejections.push({ index, psid, message: checked.message });
    else if (firstRow.has(checked.psid)) rejections.push({ index, psid, message: `psid ${checked.psid} is already in row ${firstRow.get(checked.psid)}` });
    else {
      firstRow.set(checked.psid, index);
      valid.push(checked);
    }
  });
  return { valid, rejections };
}

/**
 * Inserts or updates a bot page's subscribers by PSID. Every row is checked first; the valid rows
 * are all written in one transaction and the others reported with their index and reason, so a
 * bad row never stops the good ones. Records `subscriber.created` and `subscriber.updated`.
 */
export async function importSubscribers(ctx: Context, pageId: number, rows: SubscriberImportRow[]): Promise<SubscriberImportResult> {
  const viewer = await requireMembership(ctx);
  await requireBotPage(ctx, pageId);
  const { valid, rejections } = sortRows(importRows(rows, `rows may hold at most ${MAX_IMPORT_ROWS} subscribers per call`));
  const written =
    valid.length === 0
      ? { created: [], updated: [] }
      : await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
          const now = new Date().toISOString();
          const stored = new Map(
            (
              await findSubscribersByPsids(
                trx,
                pageId,
                valid.map((v) => v.psid),
              )
            ).map((row) => [row.psid, row]),
          );
          const created: number[] = [];
          const updated: number[] = [];
          const ids = await upsertSubscriberRows(
            trx,
            valid.map((v) => merged(pageId, v.psid, v.values, stored.get(v.psid), now)),
          );
          for (const { id, psid } of ids) (stored.has(psid) ? updated : created).push(id);
          if (created.length > 0) await record('subscriber.created', { subscriber: created, page: [pageId] }, viewer.userId);
          if (updated.length > 0) await record('subscriber.updated', { subscriber: updated, page: [pageId] }, viewer.userId);
          return { created, updated };
        });
  for (const id of written.updated) ctx.loaders.subscriber.clear(id);
  return { created: written.created.length, updated: written.updated.length, rejected: rejections.length, rejections };
}
