import type { FlowAnswer, FlowCampaign, FlowQuestion } from './flow.type';
import type { FlowAnswerRow, FlowCampaignRow, FlowQuestionRow } from './flow.row';

export function toFlowCampaign(row: FlowCampaignRow): FlowCampaign {
  return { id: row.id, name: row.flow_name, pageId: row.page_id, createdAt: new Date(row.created_at) };
}

export function toFlowQuestion(row: FlowQuestionRow): FlowQuestion {
  return { id: row.id, campaignId: row.flow_campaign_id, position: row.position, question: row.question };
}

export function toFlowAnswer(row: FlowAnswerRow): FlowAnswer {
  return { id: row.id, questionId: row.question_id, subscriberId: row.subscriber_id, answer: row.answer, createdAt: new Date(row.created_at) };
}
