import type { Selectable } from 'kysely';
import type { FlowAnswers, FlowCampaigns, FlowQuestions } from '../../db/schema';
import type { FlowAnswer, FlowCampaign, FlowQuestion } from './flow.type';

export type FlowCampaignRow = Selectable<FlowCampaigns>;
export type FlowQuestionRow = Selectable<FlowQuestions>;
export type FlowAnswerRow = Selectable<FlowAnswers>;

export function toFlowCampaign(row: FlowCampaignRow): FlowCampaign {
  return { id: row.id, name: row.flow_name, pageId: row.page_id, createdAt: new Date(row.created_at) };
}

export function toFlowQuestion(row: FlowQuestionRow): FlowQuestion {
  return { id: row.id, campaignId: row.flow_campaign_id, position: row.position, question: row.question };
}

export function toFlowAnswer(row: FlowAnswerRow): FlowAnswer {
  return { id: row.id, questionId: row.question_id, subscriberId: row.subscriber_id, answer: row.answer, createdAt: new Date(row.created_at) };
}
