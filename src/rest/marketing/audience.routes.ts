import type {
  MarketingAllSubscribersFlowQuery,
  MarketingAssignLabelMutation,
  MarketingCreateLabelMutation,
  MarketingFlowCampaignInfoQuery,
  MarketingFlowCampaignsQuery,
  MarketingLabelsQuery,
  MarketingSingleSubscriberFlowQuery,
  MarketingSubscriberQuery,
} from '../../generated/operations';
import { ErrorCode } from '../../errors';
import { LegacyError, type LegacyRoute, type ParamSpec } from '../route';
import { globalIdOf, optionalGlobalIdOf } from './ids';
import { allSubscribersFlowData, MARKETING_FLOW_QUESTION_FIELDS, MARKETING_SUBSCRIBER_FIELDS, subscriberFlowData, subscriberInfo } from './audience.shape';

/** The document's wording, leading space included. */
const NO_SUBSCRIBER = ' No Matching Subscriber Found';
const NO_LABEL = 'No Matching Label Found';
const NO_FLOW_CAMPAIGN = 'The flow campaign ID does not exist';
const READ = 'GET as documented; POST also accepted.';
const PSID_NOTE = 'subscriber_id (typed Integer in the document) is read as text, so PSIDs longer than 15 digits keep every digit.';

const PAGE_ID: ParamSpec = { name: 'page_id', type: 'integer', required: true, description: 'One of your pages, with its bot enabled' };
const SUBSCRIBER_ID: ParamSpec = { name: 'subscriber_id', type: 'string', required: true, description: "The subscriber's PSID (digits)" };
const FLOW_CAMPAIGN_ID: ParamSpec = { name: 'flow_campaign_id', type: 'integer', required: true, requiredMessage: 'The flow_campaign_id field is required' };

const psidOf = (values: Record<string, unknown>) => String(values.subscriber_id).trim();

function requireCampaign<T>(campaign: T | null): T {
  if (!campaign) throw new LegacyError(ErrorCode.NotFound, NO_FLOW_CAMPAIGN);
  return campaign;
}

export const marketingAudienceRoutes: LegacyRoute[] = [
  {
    method: ['GET', 'POST'],
    path: '/subscriber_information',
    summary: 'Get a subscriber of one of your bot pages by PSID',
    auth: 'user',
    params: [SUBSCRIBER_ID, { name: 'page_id', type: 'integer', description: '(optional) Look on this bot page only; by default every bot page of yours' }],
    operation: /* GraphQL */ `
      query MarketingSubscriber($psid: String!, $pageId: ID) { subscriber(psid: $psid, pageId: $pageId) { ...MarketingSubscriber } }
      ${MARKETING_SUBSCRIBER_FIELDS}
    `,
    variables: ({ values: v }) => ({ psid: psidOf(v), pageId: optionalGlobalIdOf('Page', v.page_id) }),
    respond: (data: MarketingSubscriberQuery) => {
      if (!data.subscriber) throw new LegacyError(ErrorCode.NotFound, NO_SUBSCRIBER);
      return { status: 'success', subscriber_info: subscriberInfo(data.subscriber) };
    },
    note:
      `${READ} ${PSID_NOTE} labels: the subscriber's label ids joined by commas; page_name: the page's title. ` +
      'The not-found message keeps the document\'s leading space (" No Matching Subscriber Found"). An optional page_id narrows the search to one bot page.',
  },
  {
    method: ['GET', 'POST'],
    path: '/get_all_labels',
    summary: 'Get the labels of one of your bot pages',
    auth: 'user',
    params: [PAGE_ID],
    operation: /* GraphQL */ `query MarketingLabels($pageId: ID!) { labels(pageId: $pageId) { labelId name } }`,
    variables: ({ values: v }) => ({ pageId: globalIdOf('Page', v.page_id) }),
    respond: (data: MarketingLabelsQuery) => {
      if (data.labels.length === 0) throw new LegacyError(ErrorCode.NotFound, NO_LABEL);
      return { status: 'success', label_info: data.labels.map((l) => ({ label_id: l.labelId, label_name: l.name })) };
    },
    note: `${READ} A bot page without labels answers "No Matching Label Found"; a page that is not yours or has no bot, "No Enabled Bot Found".`,
  },
  {
    method: 'POST',
    path: '/create_label',
    summary: 'Create a label on one of your bot pages',
    auth: 'user',
    params: [{ name: 'label_name', type: 'string', required: true, description: '1-100 characters, unique on the page' }, PAGE_ID],
    operation: /* GraphQL */ `mutation MarketingCreateLabel($input: CreateLabelInput!) { createLabel(input: $input) { labelId } }`,
    variables: ({ values: v }) => ({ input: { pageId: globalIdOf('Page', v.page_id), name: v.label_name } }),
    fieldNames: { name: 'label_name', pageId: 'page_id' },
    respond: (data: MarketingCreateLabelMutation) => ({ status: 'success', label_id: data.createLabel.labelId }),
  },
  {
    method: 'POST',
    path: '/assign_label',
    summary: 'Give labels to a subscriber of one of your bot pages',
    auth: 'user',
    params: [{ name: 'label_ids', type: 'string', required: true, description: 'Label ids separated by commas' }, PAGE_ID, SUBSCRIBER_ID],
    operation: /* GraphQL */ `
      mutation MarketingAssignLabel($input: AssignLabelsInput!) { assignLabels(input: $input) { id: databaseId } }
    `,
    variables: ({ values: v }) => ({ input: { pageId: globalIdOf('Page', v.page_id), psid: psidOf(v), labelIds: String(v.label_ids).split(',') } }),
    fieldNames: { labelIds: 'label_ids', pageId: 'page_id', psid: 'subscriber_id' },
    respond: (_data: MarketingAssignLabelMutation) => ({ success: true, status: 'success' }),
    note: `${PSID_NOTE} A label the subscriber already has is kept once.`,
  },
  {
    method: ['GET', 'POST'],
    path: '/get_flow_campaigns',
    summary: 'List your flow campaigns (a bare array, no status key)',
    auth: 'user',
    params: [{ name: 'page_id', type: 'integer', description: '(optional) Only the campaigns of this bot page' }],
    operation: /* GraphQL */ `query MarketingFlowCampaigns($pageId: ID) { flowCampaigns(pageId: $pageId) { id: databaseId name } }`,
    variables: ({ values: v }) => ({ pageId: optionalGlobalIdOf('Page', v.page_id) }),
    respond: (data: MarketingFlowCampaignsQuery) => data.flowCampaigns.map((c) => ({ id: String(c.id), flow_name: c.name })),
    note: `${READ} An optional page_id narrows the list to one bot page.`,
  },
  {
    method: ['GET', 'POST'],
    path: '/get_flow_campaign_info',
    summary: 'Get a flow campaign and its questions (no status key)',
    auth: 'user',
    params: [FLOW_CAMPAIGN_ID],
    operation: /* GraphQL */ `query MarketingFlowCampaignInfo($id: ID!) { flowCampaign(id: $id) { id: databaseId name questions { question } } }`,
    variables: ({ values: v }) => ({ id: globalIdOf('FlowCampaign', v.flow_campaign_id) }),
    respond: (data: MarketingFlowCampaignInfoQuery) => {
      const campaign = requireCampaign(data.flowCampaign);
      return { id: String(campaign.id), flow_name: campaign.name, questions: campaign.questions.map((q) => q.question) };
    },
    note: "The document's curl line uses POST and its prose GET; both are served.",
  },
  {
    method: ['GET', 'POST'],
    path: '/get_single_subscriber_flow_info',
    summary: "Get one subscriber's answers to a flow campaign (no status key)",
    auth: 'user',
    params: [FLOW_CAMPAIGN_ID, SUBSCRIBER_ID],
    operation: /* GraphQL */ `
      query MarketingSingleSubscriberFlow($id: ID!, $psid: String!) {
        flowCampaign(id: $id) { id: databaseId name questions { ...MarketingFlowQuestion } }
        subscriber(psid: $psid) { id: databaseId }
      }
      ${MARKETING_FLOW_QUESTION_FIELDS}
    `,
    variables: ({ values: v }) => ({ id: globalIdOf('FlowCampaign', v.flow_campaign_id), psid: psidOf(v) }),
    respond: (data: MarketingSingleSubscriberFlowQuery) => {
      const campaign = requireCampaign(data.flowCampaign);
      if (!data.subscriber) throw new LegacyError(ErrorCode.NotFound, NO_SUBSCRIBER);
      return { id: String(campaign.id), flow_name: campaign.name, data: subscriberFlowData(campaign.questions) };
    },
    note: `${READ} ${PSID_NOTE} data lists the questions the subscriber answered, in order; a PSID on none of your bot pages answers " No Matching Subscriber Found".`,
  },
  {
    method: ['GET', 'POST'],
    path: '/get_all_subscriber_flow_info',
    summary: "Get every subscriber's answers to a flow campaign, by PSID (no status key)",
    auth: 'user',
    params: [FLOW_CAMPAIGN_ID],
    operation: /* GraphQL */ `
      query MarketingAllSubscribersFlow($id: ID!, $psid: String) { flowCampaign(id: $id) { id: databaseId name questions { ...MarketingFlowQuestion } } }
      ${MARKETING_FLOW_QUESTION_FIELDS}
    `,
    variables: ({ values: v }) => ({ id: globalIdOf('FlowCampaign', v.flow_campaign_id), psid: null }),
    respond: (data: MarketingAllSubscribersFlowQuery) => {
      const campaign = requireCampaign(data.flowCampaign);
      return { id: String(campaign.id), flow_name: campaign.name, data: allSubscribersFlowData(campaign.questions) };
    },
    note: `${READ} data maps each PSID to its answers in question order; a campaign without answers has data {}.`,
  },
];
