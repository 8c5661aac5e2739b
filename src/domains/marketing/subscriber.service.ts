import type { Context } from '../../graphql/context.types';
import type { Window } from '../../db/keyset';
import { NotFoundError } from '../../errors';
import { requireMembership } from './membership.guard';
import { requireBotPage } from './bot-page.service';
import { findPageLabels } from './label.repository';
import type { SubscriberRow } from './subscriber.row';
import { countSubscribersOfPage, findOwnedSubscriber, findSubscriber, listSubscribersOfPage } from './subscriber.repository';
import { isPsid } from './subscriber.rules';

/** The marketing document's answer for a label id the page does not have. */
export const NO_MATCHING_LABEL = 'No Matching Label Found';

/**
 * A subscriber of one of the viewer's bot pages by PSID: on the given page, or on any of them when
 * no page is given. Null when there is none (a PSID that is not digits matches nothing).
 */
export async function findViewerSubscriber(ctx: Context, psid: string, pageId: number | null): Promise<SubscriberRow | null> {
  const viewer = await requireMembership(ctx);
  if (pageId !== null) await requireBotPage(ctx, pageId);
  if (!isPsid(psid)) return null;
  const row = pageId !== null ? await findSubscriber(ctx.db, pageId, psid) : await findOwnedSubscriber(ctx.db, viewer.userId, psid);
  if (row) ctx.loaders.subscriber.prime(row.id, row);
  return row ?? null;
}

/**
 * A window of a bot page's subscribers, in the order they were added, optionally with one label
 * (by its public id), and a function that counts the whole list.
 */
export async function listSubscribers(ctx: Context, pageId: number, labelId: string | null, window: Window): Promise<{ rows: SubscriberRow[]; count: () => Promise<number> }> {
  await requireBotPage(ctx, pageId);
  let labelRowId: number | null = null;
  if (labelId !== null) {
    const [label] = await findPageLabels(ctx.db, pageId, [labelId]);
    if (!label) throw new NotFoundError(NO_MATCHING_LABEL);
    labelRowId = label.id;
  }
  const q = { pageId, labelId: labelRowId };
  const rows = await listSubscribersOfPage(ctx.db, q, window);
  for (const row of rows) ctx.loaders.subscriber.prime(row.id, row);
  return { rows, count: () => countSubscribersOfPage(ctx.db, q) };
}
