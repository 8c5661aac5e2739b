import type { Viewer } from '../../auth/viewer';
import type { Context } from '../../graphql/context.types';
import type { NodeFetcher, NodeFetchers } from '../../graphql/node-fetchers';
import type { PageRow } from '../social/places/page.row';
import { toContact, toContactGroup } from './contact.mapper';
import { toFlowAnswer, toFlowCampaign, toFlowQuestion } from './flow.mapper';
import { toLabel } from './label.mapper';
import { requireMembership } from './membership.guard';
import { toPackage } from './package.mapper';
import { toSubscriber } from './subscriber.mapper';

type Loaded<T> = T | null | Error | undefined;

/** The rows a loader found, with null for missing ones (a loader error is a missing row here). */
async function rowsOf<T>(load: Promise<readonly Loaded<T>[]>): Promise<(T | null)[]> {
  return (await load).map((row) => (row == null || row instanceof Error ? null : row));
}

/**
 * A fetcher for the marketing Node types: nobody signed in sees none of them; a member whose
 * membership has run out is refused with MEMBERSHIP_EXPIRED, as at every other marketing door.
 */
function marketing(fetch: (ctx: Context, viewer: Viewer, ids: readonly number[]) => Promise<readonly (object | null)[]>): NodeFetcher {
  return async (ctx, ids) => (ctx.viewer ? fetch(ctx, await requireMembership(ctx), ids) : ids.map(() => null));
}

/** The viewer's bot pages among `pageIds` (as requireBotPage allows: own page, bot on), by id. */
async function botPagesOf(ctx: Context, viewer: Viewer, pageIds: readonly (number | null)[]): Promise<Set<number>> {
  const wanted = [...new Set(pageIds.filter((id): id is number => id !== null))];
  const pages = await rowsOf<PageRow>(ctx.loaders.page.loadMany(wanted));
  return new Set(pages.filter((p): p is PageRow => p !== null && p.owner_id === viewer.userId && p.bot_enabled === 1).map((p) => p.id));
}

/** Contact groups, contacts, packages, bot-page labels and subscribers, flow campaigns with their questions and answers. */
export const marketingNodes: NodeFetchers = {
  /** Only the owner's; deleted ones never. */
  Contact: marketing(async (ctx, viewer, ids) => (await rowsOf(ctx.loaders.contact.loadMany(ids))).map((row) => (row && row.user_id === viewer.userId ? toContact(row) : null))),
  ContactGroup: marketing(async (ctx, viewer, ids) => (await rowsOf(ctx.loaders.contactGroup.loadMany(ids))).map((row) => (row && row.user_id === viewer.userId ? toContactGroup(row) : null))),
  /** As `packages` shows them: those not deleted. */
  Package: marketing(async (ctx, _viewer, ids) => (await rowsOf(ctx.loaders.package.loadMany(ids))).map((row) => (row && row.deleted === 0 ? toPackage(row) : null))),
  /** A subscriber of one of the viewer's bot pages. */
  Subscriber: marketing(async (ctx, viewer, ids) => {
    const rows = await rowsOf(ctx.loaders.subscriber.loadMany(ids));
    const pages = await botPagesOf(
      ctx,
      viewer,
      rows.map((row) => row?.page_id ?? null),
    );
    return rows.map((row) => (row && pages.has(row.page_id) ? toSubscriber(row) : null));
  }),
  /** A label of one of the viewer's bot pages. */
  Label: marketing(async (ctx, viewer, ids) => {
    const rows = await rowsOf(ctx.loaders.label.loadMany(ids));
    const pages = await botPagesOf(
      ctx,
      viewer,
      rows.map((row) => row?.page_id ?? null),
    );
    return rows.map((row) => (row && pages.has(row.page_id) ? toLabel(row) : null));
  }),
  /** One of the viewer's flow campaigns (as flowCampaign(id:) shows them). */
  FlowCampaign: marketing(async (ctx, viewer, ids) => (await rowsOf(ctx.loaders.flowCampaign.loadMany(ids))).map((row) => (row && row.user_id === viewer.userId ? toFlowCampaign(row) : null))),
  /** A question of one of the viewer's flow campaigns. */
  FlowQuestion: marketing(async (ctx, viewer, ids) => {
    const rows = await rowsOf(ctx.loaders.flowQuestion.loadMany(ids));
    const campaigns = await rowsOf(ctx.loaders.flowCampaign.loadMany([...new Set(rows.flatMap((row) => (row ? [row.flow_campaign_id] : [])))]));
    const owned = new Set(campaigns.filter((c) => c !== null && c.user_id === viewer.userId).map((c) => c!.id));
    return rows.map((row) => (row && owned.has(row.flow_campaign_id) ? toFlowQuestion(row) : null));
  }),
  /** An answer of a subscriber of one of the viewer's bot pages. */
  FlowAnswer: marketing(async (ctx, viewer, ids) => {
    const rows = await rowsOf(ctx.loaders.flowAnswer.loadMany(ids));
    const subscribers = await rowsOf(ctx.loaders.subscriber.loadMany([...new Set(rows.flatMap((row) => (row ? [row.subscriber_id] : [])))]));
    const pageOf = new Map(subscribers.flatMap((s) => (s ? [[s.id, s.page_id] as const] : [])));
    const pages = await botPagesOf(ctx, viewer, [...pageOf.values()]);
    return rows.map((row) => {
      const page = row ? pageOf.get(row.subscriber_id) : undefined;
      return row && page !== undefined && pages.has(page) ? toFlowAnswer(row) : null;
    });
  }),
};
