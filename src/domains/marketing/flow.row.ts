import type { Selectable } from 'kysely';
import type { FlowAnswers, FlowCampaigns, FlowQuestions } from '../../db/schema';

export type FlowCampaignRow = Selectable<FlowCampaigns>;
export type FlowQuestionRow = Selectable<FlowQuestions>;
export type FlowAnswerRow = Selectable<FlowAnswers>;
