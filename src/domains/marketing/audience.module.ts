import type { Database } from '../../db/connection';
import { createFlowLoaders } from './flow.loaders';
import { FlowAnswerResolver, FlowCampaignResolver, FlowQuestionResolver } from './flow.resolver';
import { LabelResolver } from './label.resolver';
import { createSubscriberLoaders } from './subscriber.loaders';
import { SubscriberResolver } from './subscriber.resolver';

/** The marketing audience part: bot-page subscribers, labels and flow campaigns. Its resolvers, for the schema build. */
export const audienceResolvers: Function[] = [SubscriberResolver, LabelResolver, FlowCampaignResolver, FlowQuestionResolver, FlowAnswerResolver];

/** Its per-request loaders, merged into every request's loaders. */
export function createAudienceLoaders(db: Database) {
  return { ...createSubscriberLoaders(db), ...createFlowLoaders(db) };
}
