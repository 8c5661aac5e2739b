import type { Database } from '../../db/connection';
import { RequestLoader, byId, grouped } from '../../graphql/batch';
import type { FlowAnswerRow, FlowCampaignRow, FlowQuestionRow } from './flow.row';
import { answersOfQuestions, findFlowAnswersByIds, findFlowCampaignsByIds, findFlowQuestionsByIds, questionsOfCampaigns } from './flow.repository';

/** The key of a question's answers: all of them (`questionId`) or one PSID's (`questionId:psid`). */
export const answersKey = (questionId: number, psid: string | null) => (psid === null ? String(questionId) : `${questionId}:${psid}`);

/** Per-request loaders of flow campaigns: a campaign's questions, a question's answers. */
export function createFlowLoaders(db: Database) {
  return {
    flowCampaign: byId<FlowCampaignRow>((ids) => findFlowCampaignsByIds(db, ids)),
    flowQuestion: byId<FlowQuestionRow>((ids) => findFlowQuestionsByIds(db, ids)),
    flowAnswer: byId<FlowAnswerRow>((ids) => findFlowAnswersByIds(db, ids)),
    flowQuestions: new RequestLoader<number, FlowQuestionRow[]>(async (ids) => grouped(ids, await questionsOfCampaigns(db, ids), (row) => row.flow_campaign_id)),
    /** One statement per distinct PSID filter in a batch (usually one). */
    flowAnswers: new RequestLoader<string, FlowAnswerRow[]>(async (keys) => {
      const questionsByPsid = new Map<string | null, number[]>();
      for (const key of keys) {
        const colon = key.indexOf(':');
        const psid = colon < 0 ? null : key.slice(colon + 1);
        questionsByPsid.set(psid, [...(questionsByPsid.get(psid) ?? []), Number(colon < 0 ? key : key.slice(0, colon))]);
      }
      const lists = new Map<string, FlowAnswerRow[]>();
      for (const [psid, questionIds] of questionsByPsid) {
        const rows = await answersOfQuestions(db, questionIds, psid);
        grouped(questionIds, rows, (row) => row.question_id).forEach((list, i) => lists.set(answersKey(questionIds[i], psid), list));
      }
      return keys.map((key) => lists.get(key) ?? []);
    }),
  };
}
