import type { Insertable, Kysely } from 'kysely';
import type { DB, FlowAnswers, FlowCampaigns } from '../../db/schema';
import type { FlowAnswerRow, FlowCampaignRow, FlowQuestionRow } from './flow.row';

type Db = Kysely<DB>;

/** An owner's flow campaigns by id, of one page or of all. */
export function listFlowCampaigns(db: Db, ownerId: number, pageId: number | null): Promise<FlowCampaignRow[]> {
  let query = db.selectFrom('flow_campaigns').selectAll().where('user_id', '=', ownerId);
  if (pageId !== null) query = query.where('page_id', '=', pageId);
  return query.orderBy('id').execute();
}

/** How many flow campaigns a user has. */
export async function countFlowCampaigns(db: Db, ownerId: number): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('flow_campaigns')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', ownerId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Flow campaigns, questions and answers by id (callers check the owner). */
export function findFlowCampaignsByIds(db: Db, ids: readonly number[]): Promise<FlowCampaignRow[]> {
  return db.selectFrom('flow_campaigns').selectAll().where('id', 'in', ids).execute();
}

export function findFlowQuestionsByIds(db: Db, ids: readonly number[]): Promise<FlowQuestionRow[]> {
  return db.selectFrom('flow_questions').selectAll().where('id', 'in', ids).execute();
}

export function findFlowAnswersByIds(db: Db, ids: readonly number[]): Promise<FlowAnswerRow[]> {
  return db.selectFrom('flow_answers').selectAll().where('id', 'in', ids).execute();
}

export function findOwnedFlowCampaign(db: Db, ownerId: number, id: number): Promise<FlowCampaignRow | undefined> {
  return db.selectFrom('flow_campaigns').selectAll().where('id', '=', id).where('user_id', '=', ownerId).executeTakeFirst();
}

/** A campaign and its questions, numbered from 1 in the given order. */
export async function insertFlowCampaign(db: Db, values: Insertable<FlowCampaigns>, questions: readonly string[]): Promise<FlowCampaignRow> {
  const campaign = await db.insertInto('flow_campaigns').values(values).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('flow_questions')
    .values(questions.map((question, i) => ({ flow_campaign_id: campaign.id, position: i + 1, question })))
    .execute();
  return campaign;
}

/** The questions of many campaigns in one statement, in campaign order. */
export function questionsOfCampaigns(db: Db, campaignIds: readonly number[]): Promise<FlowQuestionRow[]> {
  return db.selectFrom('flow_questions').selectAll().where('flow_campaign_id', 'in', campaignIds).orderBy('flow_campaign_id').orderBy('position').execute();
}

/** The answers to many questions in one statement, oldest first; only one PSID's when given. */
export function answersOfQuestions(db: Db, questionIds: readonly number[], psid: string | null): Promise<FlowAnswerRow[]> {
  let query = db.selectFrom('flow_answers as a').selectAll('a').where('a.question_id', 'in', questionIds);
  if (psid !== null) query = query.innerJoin('subscribers as s', 's.id', 'a.subscriber_id').where('s.psid', '=', psid);
  return query.orderBy('a.id').execute();
}

/** Writes a subscriber's answers; an answer to a question answered before replaces it. */
export async function upsertFlowAnswers(db: Db, rows: Insertable<FlowAnswers>[]): Promise<void> {
  await db
    .insertInto('flow_answers')
    .values(rows)
    .onConflict((oc) => oc.columns(['question_id', 'subscriber_id']).doUpdateSet((eb) => ({ answer: eb.ref('excluded.answer') })))
    .execute();
}
