import { randomInt } from 'node:crypto';
import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors';
import { requireMembership } from './membership.guard';
import { requireBotPage } from './bot-page.service';
import type { LabelRow } from './label.row';
import { countLabelsOfPage, deleteSubscriberLabel, findLabelByName, findPageLabels, insertLabel, insertSubscriberLabels, labelsOfPage } from './label.repository';
import type { SubscriberRow } from './subscriber.row';
import { findSubscriber } from './subscriber.repository';

/** Facebook's answer for a PSID the page does not know, which the marketing API passes on. */
export const UNKNOWN_SUBSCRIBER = '(#100) The user ID is not valid.';
const MAX_LABEL_NAME = 100;
/** The most labels a page has, so that `labels` and `Subscriber.labels` are bounded lists. */
export const MAX_LABELS_PER_PAGE = 1000;

/** A new label id in Messenger's form: 16 digits, kept as text. */
const newLabelId = () => `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;

/** The labels of one of the viewer's bot pages, in the order they were made. */
export async function pageLabels(ctx: Context, pageId: number): Promise<LabelRow[]> {
  await requireBotPage(ctx, pageId);
  return labelsOfPage(ctx.db, pageId);
}

/** Makes a label on one of the viewer's bot pages; its name (1-100 characters) is unique on the page. */
export async function createLabel(ctx: Context, pageId: number, name: string): Promise<LabelRow> {
  const viewer = await requireMembership(ctx);
  await requireBotPage(ctx, pageId);
  const labelName = name.trim();
  if (labelName === '' || labelName.length > MAX_LABEL_NAME) throw new BadUserInputError(`name must be 1 to ${MAX_LABEL_NAME} characters`, 'name');
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if (await findLabelByName(trx, pageId, labelName)) throw new ConflictError(`A label named "${labelName}" already exists on this page`, 'name');
    if ((await countLabelsOfPage(trx, pageId)) >= MAX_LABELS_PER_PAGE) throw new ConflictError(`A page has at most ${MAX_LABELS_PER_PAGE} labels`);
    const row = await insertLabel(trx, { page_id: pageId, label_id: newLabelId(), label_name: labelName, created_at: new Date().toISOString() });
    await record('label.created', { label: [row.id], page: [pageId] }, viewer.userId);
    return row;
  });
}

async function requireSubscriber(ctx: Context, pageId: number, psid: string): Promise<SubscriberRow> {
  const row = await findSubscriber(ctx.db, pageId, psid);
  if (!row) throw new NotFoundError(UNKNOWN_SUBSCRIBER);
  return row;
}

async function requireLabels(ctx: Context, pageId: number, labelIds: string[]): Promise<LabelRow[]> {
  const ids = [...new Set(labelIds.map((id) => id.trim()).filter((id) => id !== ''))];
  if (ids.length === 0) throw new BadUserInputError('labelIds must name at least one label', 'labelIds');
  const rows = await findPageLabels(ctx.db, pageId, ids);
  const missing = ids.filter((id) => !rows.some((row) => row.label_id === id));
  if (missing.length > 0) throw new BadUserInputError(`Label ${missing.join(', ')} does not exist on this page`, 'labelIds');
  return ids.map((id) => rows.find((row) => row.label_id === id)!);
}

/**
 * Gives labels (by their public ids) to a subscriber of one of the viewer's bot pages. A label it
 * already has stays once; `subscriber.labeled` names only the labels that are new.
 */
export async function assignLabels(ctx: Context, pageId: number, psid: string, labelIds: string[]): Promise<SubscriberRow> {
  const viewer = await requireMembership(ctx);
  await requireBotPage(ctx, pageId);
  const subscriber = await requireSubscriber(ctx, pageId, psid);
  const labels = await requireLabels(ctx, pageId, labelIds);
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const added = await insertSubscriberLabels(
      trx,
      subscriber.id,
      labels.map((l) => l.id),
      new Date().toISOString(),
    );
    if (added.length > 0) await record('subscriber.labeled', { subscriber: [subscriber.id], label: added, page: [pageId] }, viewer.userId);
  });
  ctx.loaders.subscriberLabels.clear(subscriber.id);
  return subscriber;
}

/** Takes one label from a subscriber; taking a label it does not have changes nothing. */
export async function removeLabel(ctx: Context, pageId: number, psid: string, labelId: string): Promise<SubscriberRow> {
  const viewer = await requireMembership(ctx);
  await requireBotPage(ctx, pageId);
  const subscriber = await requireSubscriber(ctx, pageId, psid);
  const [label] = await requireLabels(ctx, pageId, [labelId]);
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if (await deleteSubscriberLabel(trx, subscriber.id, label.id)) {
      await record('subscriber.unlabeled', { subscriber: [subscriber.id], label: [label.id], page: [pageId] }, viewer.userId);
    }
  });
  ctx.loaders.subscriberLabels.clear(subscriber.id);
  return subscriber;
}
