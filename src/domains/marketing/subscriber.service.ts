import type { Context } from '../../graphql/context';
import { BadUserInputError, NotFoundError } from '../../graphql/errors';
import { requireMembership } from './membership.guard';
import { requireBotPage } from './bot-page.service';
import { findPageLabels } from './label.repository';
import type { SubscriberRow } from './subscriber.mapper';
import { findOwnedSubscriber, findSubscriber, listSubscribersOfPage } from './subscriber.repository';
import { isPsid } from './subscriber.rules';

export const MAX_SUBSCRIBER_PAGE = 500;
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

/** A page of a bot page's subscribers, in the order they were added, optionally with one label. */
export async function listSubscribers(ctx: Context, pageId: number, labelId: string | null, limit: number, offset: number): Promise<SubscriberRow[]> {
  await requireBotPage(ctx, pageId);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SUBSCRIBER_PAGE) throw new BadUserInputError(`limit must be 1 to ${MAX_SUBSCRIBER_PAGE}`, 'limit');
  if (!Number.isInteger(offset) || offset < 0) throw new BadUserInputError('offset must not be negative', 'offset');
  let labelRowId: number | null = null;
  if (labelId !== null) {
    const [label] = await findPageLabels(ctx.db, pageId, [labelId]);
    if (!label) throw new NotFoundError(NO_MATCHING_LABEL);
    labelRowId = label.id;
  }
  const rows = await listSubscribersOfPage(ctx.db, { pageId, labelId: labelRowId, limit, offset });
  for (const row of rows) ctx.loaders.subscriber.prime(row.id, row);
  return rows;
}
