import type { Context } from '../../graphql/context.types';
import { BadUserInputError, ConflictError, NotFoundError } from '../../errors';
import { requireMembership } from './membership.guard';
import { NO_ENABLED_BOT, requireBotPage } from './bot-page.service';
import type { FlowCampaignRow } from './flow.row';
import { countFlowCampaigns, findOwnedFlowCampaign, insertFlowCampaign, listFlowCampaigns, upsertFlowAnswers } from './flow.repository';
import { UNKNOWN_SUBSCRIBER } from './label.service';
import { findSubscriber } from './subscriber.repository';

/** The marketing document's answer for a campaign id that is not the caller's. */
export const UNKNOWN_FLOW_CAMPAIGN = 'The flow campaign ID does not exist';
const MAX_QUESTIONS = 50;
/** The most flow campaigns a user has, so that `flowCampaigns` is a bounded list. */
export const MAX_FLOW_CAMPAIGNS = 500;

/** An answer to record: the question's number and the text. */
export interface FlowAnswerValue {
  questionId: number;
  answer: string;
}

/** The viewer's flow campaigns, of one bot page or of all its pages. */
export async function viewerFlowCampaigns(ctx: Context, pageId: number | null): Promise<FlowCampaignRow[]> {
  const viewer = await requireMembership(ctx);
  if (pageId !== null) await requireBotPage(ctx, pageId);
  return listFlowCampaigns(ctx.db, viewer.userId, pageId);
}

/** One of the viewer's flow campaigns; another user's is NOT_FOUND like a missing one. */
export async function requireFlowCampaign(ctx: Context, id: number): Promise<FlowCampaignRow> {
  const row = await findOwnedFlowCampaign(ctx.db, (await requireMembership(ctx)).userId, id);
  if (!row) throw new NotFoundError(UNKNOWN_FLOW_CAMPAIGN);
  return row;
}

function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max) throw new BadUserInputError(`${field} must be 1 to ${max} characters`, field);
  return trimmed;
}

/** Makes a flow campaign on one of the viewer's bot pages with 1 to 50 questions, asked in the given order. */
export async function createFlowCampaign(ctx: Context, name: string, pageId: number, questions: string[]): Promise<FlowCampaignRow> {
  const viewer = await requireMembership(ctx);
  await requireBotPage(ctx, pageId);
  const flowName = text(name, 'name', 100);
  if (questions.length === 0 || questions.length > MAX_QUESTIONS) throw new BadUserInputError(`questions must hold 1 to ${MAX_QUESTIONS} questions`, 'questions');
  const asked = questions.map((q) => text(q, 'questions', 500));
  return ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    if ((await countFlowCampaigns(trx, viewer.userId)) >= MAX_FLOW_CAMPAIGNS) throw new ConflictError(`A user has at most ${MAX_FLOW_CAMPAIGNS} flow campaigns`);
    const row = await insertFlowCampaign(trx, { user_id: viewer.userId, page_id: pageId, flow_name: flowName, created_at: new Date().toISOString() }, asked);
    await record('flow.created', { flow: [row.id], page: [pageId] }, viewer.userId);
    return row;
  });
}

/**
 * Records a subscriber's answers to questions of a flow campaign (the subscriber must be on the
 * campaign's bot page). Answering a question again replaces the answer. Records `flow.answered`.
 */
export async function recordFlowAnswers(ctx: Context, campaignId: number, psid: string, answers: FlowAnswerValue[]): Promise<FlowCampaignRow> {
  const viewer = await requireMembership(ctx);
  const campaign = await requireFlowCampaign(ctx, campaignId);
  if (campaign.page_id === null) throw new NotFoundError(NO_ENABLED_BOT);
  await requireBotPage(ctx, campaign.page_id);
  const subscriber = await findSubscriber(ctx.db, campaign.page_id, psid);
  if (!subscriber) throw new NotFoundError(UNKNOWN_SUBSCRIBER);
  if (answers.length === 0) throw new BadUserInputError('answers must hold at least one answer', 'answers');
  const questionIds = new Set((await ctx.loaders.flowQuestions.load(campaign.id)).map((q) => q.id));
  const given = answers.map((a) => ({ questionId: a.questionId, answer: text(a.answer, 'answer', 2000) }));
  const seen = new Set<number>();
  for (const { questionId } of given) {
    if (!questionIds.has(questionId)) throw new BadUserInputError(`Question ${questionId} is not part of flow campaign ${campaign.id}`, 'answers');
    if (seen.has(questionId)) throw new BadUserInputError(`Question ${questionId} is answered twice`, 'answers');
    seen.add(questionId);
  }
  await ctx.events.transaction(ctx.db, async ({ trx, record }) => {
    const now = new Date().toISOString();
    await upsertFlowAnswers(
      trx,
      given.map((a) => ({ question_id: a.questionId, subscriber_id: subscriber.id, answer: a.answer, created_at: now })),
    );
    await record('flow.answered', { flow: [campaign.id], subscriber: [subscriber.id], question: [...seen] }, viewer.userId);
  });
  ctx.loaders.flowAnswers.clearAll();
  return campaign;
}
