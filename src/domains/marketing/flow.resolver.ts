import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { nullIfNotFound } from '../../errors';
import { fromGlobalId, fromOptionalGlobalId } from '../../graphql/node';
import { toPage } from '../social/places/page.mapper';
import { Page } from '../social/places/page.type';
import { toSubscriber } from './subscriber.mapper';
import { Subscriber } from './subscriber.type';
import { CreateFlowCampaignInput, RecordFlowAnswersInput } from './flow.input';
import { answersKey } from './flow.loaders';
import { toFlowAnswer, toFlowCampaign, toFlowQuestion } from './flow.mapper';
import { createFlowCampaign, MAX_FLOW_CAMPAIGNS, recordFlowAnswers, requireFlowCampaign, viewerFlowCampaigns } from './flow.service';
import { FlowAnswer, FlowCampaign, FlowQuestion } from './flow.type';

@Resolver(() => FlowCampaign)
export class FlowCampaignResolver {
  @Authorized()
  @Query(() => [FlowCampaign], { description: `The viewer's flow campaigns by id, of one bot page or of all: at most ${MAX_FLOW_CAMPAIGNS} (a user's bound).` })
  async flowCampaigns(@Ctx() ctx: Context, @Arg('pageId', () => ID, { nullable: true, description: 'Only the campaigns of this bot Page.' }) pageId: string | null): Promise<FlowCampaign[]> {
    return (await viewerFlowCampaigns(ctx, fromOptionalGlobalId(pageId, 'Page', 'pageId'))).map(toFlowCampaign);
  }

  @Authorized()
  @Query(() => FlowCampaign, { nullable: true, description: "One of the viewer's flow campaigns; null for a missing or another user's campaign." })
  async flowCampaign(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<FlowCampaign | null> {
    const row = await nullIfNotFound(requireFlowCampaign(ctx, fromGlobalId(id, 'FlowCampaign')));
    return row ? toFlowCampaign(row) : null;
  }

  @Authorized()
  @Mutation(() => FlowCampaign, {
    description: `Makes a flow campaign on one of the viewer's bot pages; questions are asked in the given order (1 to 50). A user has at most ${MAX_FLOW_CAMPAIGNS} campaigns (CONFLICT past it).`,
  })
  async createFlowCampaign(@Ctx() ctx: Context, @Arg('input', () => CreateFlowCampaignInput) input: CreateFlowCampaignInput): Promise<FlowCampaign> {
    return toFlowCampaign(await createFlowCampaign(ctx, input.name, fromGlobalId(input.pageId, 'Page', 'pageId'), input.questions));
  }

  @Authorized()
  @Mutation(() => FlowCampaign, { description: "Records a subscriber's answers to questions of a campaign; answering again replaces an answer." })
  async recordFlowAnswers(@Ctx() ctx: Context, @Arg('input', () => RecordFlowAnswersInput) input: RecordFlowAnswersInput): Promise<FlowCampaign> {
    const campaignId = fromGlobalId(input.campaignId, 'FlowCampaign', 'campaignId');
    const answers = input.answers.map((a, i) => ({ questionId: fromGlobalId(a.questionId, 'FlowQuestion', `answers.${i}.questionId`), answer: a.answer }));
    return toFlowCampaign(await recordFlowAnswers(ctx, campaignId, input.psid, answers));
  }

  @FieldResolver(() => Page, { nullable: true, description: 'The bot page it runs on; null once that page is gone.' })
  async page(@Root() campaign: FlowCampaign, @Ctx() ctx: Context): Promise<Page | null> {
    const row = campaign.pageId === null ? null : await ctx.loaders.page.load(campaign.pageId);
    return row ? toPage(row) : null;
  }

  @FieldResolver(() => [FlowQuestion], { description: 'In the order they are asked (at most 50).' })
  async questions(@Root() campaign: FlowCampaign, @Ctx() ctx: Context): Promise<FlowQuestion[]> {
    return (await ctx.loaders.flowQuestions.load(campaign.id)).map(toFlowQuestion);
  }
}

@Resolver(() => FlowQuestion)
export class FlowQuestionResolver {
  @FieldResolver(() => FlowCampaign, { description: 'The campaign that asks it.' })
  async campaign(@Root() question: FlowQuestion, @Ctx() ctx: Context): Promise<FlowCampaign> {
    return toFlowCampaign((await ctx.loaders.flowCampaign.load(question.campaignId))!);
  }

  @FieldResolver(() => [FlowAnswer], { description: "Answers in the order they were given, at most one per subscriber of the campaign's page; with psid, only that subscriber's." })
  async answers(@Root() question: FlowQuestion, @Ctx() ctx: Context, @Arg('psid', () => String, { nullable: true }) psid: string | null): Promise<FlowAnswer[]> {
    return (await ctx.loaders.flowAnswers.load(answersKey(question.id, psid ?? null))).map(toFlowAnswer);
  }
}

@Resolver(() => FlowAnswer)
export class FlowAnswerResolver {
  @FieldResolver(() => FlowQuestion, { description: 'The question it answers.' })
  async question(@Root() answer: FlowAnswer, @Ctx() ctx: Context): Promise<FlowQuestion> {
    return toFlowQuestion((await ctx.loaders.flowQuestion.load(answer.questionId))!);
  }

  @FieldResolver(() => Subscriber)
  async subscriber(@Root() answer: FlowAnswer, @Ctx() ctx: Context): Promise<Subscriber> {
    return toSubscriber((await ctx.loaders.subscriber.load(answer.subscriberId))!);
  }
}
