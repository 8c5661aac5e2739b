import { toGlobalId } from '../../src/graphql/node';
import type { TestGateway } from '../support/gateway';
import { type Member, ok } from '../support/graphql';

/** A marketing member: a registered user with its own marketing api_key. */
export type Marketer = Member & { key: string };

let serial = 0;

export async function marketer(gw: TestGateway, prefix = 'aud'): Promise<Marketer> {
  const member = await gw.member(`${prefix}${++serial}x`);
  const key = ok(await gw.gql('mutation { createApiKey(name: "marketing") { secret } }', {}, member.token)).createApiKey.secret;
  return { ...member, key };
}

/** A page of `owner`, with its bot on unless told otherwise; returns its id. */
export async function botPage(gw: TestGateway, owner: Member, botEnabled = true): Promise<number> {
  const name = `botpage_${++serial}`;
  const id = ok(await gw.gql('mutation($i: CreatePageInput!) { createPage(input: $i) { id: databaseId } }', { i: { name, title: `Page ${serial}` } }, owner.token)).createPage.id;
  if (botEnabled) ok(await gw.gql('mutation($id: ID!) { updatePage(input: { pageId: $id, botEnabled: true }) { id: databaseId } }', { id: toGlobalId('Page', id) }, owner.token));
  return id;
}

/** A page's global id, from its number. */
export const pageGid = (pageId: number) => toGlobalId('Page', pageId);

export const IMPORT = `mutation($pageId: ID!, $rows: [SubscriberImportRow!]!) {
  importSubscribers(input: { pageId: $pageId, rows: $rows }) { created updated rejected rejections { index psid message } }
}`;

export function importRows(gw: TestGateway, owner: Member, pageId: number, rows: Record<string, unknown>[]) {
  return gw.gql(IMPORT, { pageId: pageGid(pageId), rows }, owner.token);
}

export async function createLabel(gw: TestGateway, owner: Member, pageId: number, name: string): Promise<{ id: number; labelId: string }> {
  return ok(await gw.gql('mutation($p: ID!, $n: String!) { createLabel(input: { pageId: $p, name: $n }) { id: databaseId labelId } }', { p: pageGid(pageId), n: name }, owner.token)).createLabel;
}

export async function assign(gw: TestGateway, owner: Member, pageId: number, psid: string, labelIds: string[]) {
  return gw.gql('mutation($p: ID!, $s: String!, $l: [String!]!) { assignLabels(input: { pageId: $p, psid: $s, labelIds: $l }) { psid } }', { p: pageGid(pageId), s: psid, l: labelIds }, owner.token);
}

/** A flow campaign with its question ids in order. */
export async function flowCampaign(gw: TestGateway, owner: Member, pageId: number, name: string, questions: string[]): Promise<{ id: number; questionIds: number[] }> {
  const created = ok(
    await gw.gql(
      'mutation($n: String!, $p: ID!, $q: [String!]!) { createFlowCampaign(input: { name: $n, pageId: $p, questions: $q }) { id: databaseId questions { id: databaseId } } }',
      { n: name, p: pageGid(pageId), q: questions },
      owner.token,
    ),
  ).createFlowCampaign;
  return { id: created.id, questionIds: created.questions.map((q: { id: number }) => q.id) };
}

export function answer(gw: TestGateway, owner: Member, campaignId: number, psid: string, answers: { questionId: number; answer: string }[]) {
  return gw.gql(
    'mutation($c: ID!, $s: String!, $a: [FlowAnswerInput!]!) { recordFlowAnswers(input: { campaignId: $c, psid: $s, answers: $a }) { id: databaseId } }',
    { c: toGlobalId('FlowCampaign', campaignId), s: psid, a: answers.map((a) => ({ questionId: toGlobalId('FlowQuestion', a.questionId), answer: a.answer })) },
    owner.token,
  );
}
