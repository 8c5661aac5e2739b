import type { MarketingFlowQuestionFragment, MarketingSubscriberFragment } from '../../generated/operations';
import { sqlDateTime } from './legacy-values';

/** The subscriber fields the audience operations select. */
export const MARKETING_SUBSCRIBER_FIELDS = /* GraphQL */ `
  fragment MarketingSubscriber on Subscriber {
    psid pageId: pageDatabaseId firstName lastName fullName gender locale timezone unavailable lastErrorMessage lastErrorMessageBroadcast
    referrerSource subscribedAt email phoneNumber birthdate lastInteractionAt
    labels { labelId }
    page { title }
  }
`;

/** A flow question with its answers, each with the answering subscriber's PSID. */
export const MARKETING_FLOW_QUESTION_FIELDS = /* GraphQL */ `
  fragment MarketingFlowQuestion on FlowQuestion { id: databaseId question answers(psid: $psid) { answer subscriber { psid } } }
`;

/**
 * A subscriber as `subscriber_info` shows one, XeroChat style: every value a string, the legacy
 * zero date for "never", `labels` the label ids joined by commas, and the document's own spellings
 * (`refferer_source`, `last_error_message_conversation_broadcast`).
 */
export function subscriberInfo(s: MarketingSubscriberFragment): Record<string, string> {
  return {
    subscriber_id: s.psid,
    labels: s.labels.map((label) => label.labelId).join(','),
    first_name: s.firstName,
    last_name: s.lastName,
    full_name: s.fullName,
    gender: s.gender,
    locale: s.locale,
    timezone: s.timezone,
    page_name: s.page.title,
    page_id: String(s.pageId),
    unavailable: s.unavailable ? '1' : '0',
    last_error_message: s.lastErrorMessage,
    last_error_message_conversation_broadcast: s.lastErrorMessageBroadcast,
    refferer_source: s.referrerSource,
    subscribed_at: sqlDateTime(s.subscribedAt),
    email: s.email ?? '',
    phone_number: s.phoneNumber ?? '',
    birthdate: s.birthdate ?? '0000-00-00',
    last_subscriber_interaction_time: sqlDateTime(s.lastInteractionAt),
  };
}

/** One answered question as the flow endpoints list it: ids as strings. */
function flowAnswer(question: MarketingFlowQuestionFragment, answer: string) {
  return { question_id: String(question.id), question: question.question, answer };
}

/** One subscriber's answers, in question order; unanswered questions are left out. */
export function subscriberFlowData(questions: MarketingFlowQuestionFragment[]) {
  return questions.flatMap((q) => q.answers.slice(0, 1).map((a) => flowAnswer(q, a.answer)));
}

/** Every subscriber's answers keyed by PSID, each list in question order, PSIDs in the order they first answered. */
export function allSubscribersFlowData(questions: MarketingFlowQuestionFragment[]) {
  const data: Record<string, ReturnType<typeof flowAnswer>[]> = {};
  for (const q of questions) {
    for (const a of q.answers) (data[a.subscriber.psid] ??= []).push(flowAnswer(q, a.answer));
  }
  return data;
}
