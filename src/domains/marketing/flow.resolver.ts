import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { nullIfNotFound } from '../../graphql/errors';
import { toSubscriber } from './subscriber.mapper';
import { Subscriber } from './subscriber.type';
import { FlowAnswerInput } from './flow.input';
import { answersKey } from './flow.loaders';
import { toFlowAnswer, toFlowCampaign, toFlowQuestion } from './flow.mapper';
import { createFlowCampaign, recordFlowAnswers, requireFlowCampaign, viewerFlowCampaigns } from './flow.service';
import { FlowAnswer, FlowCampaign, FlowQuestion } from './flow.type';

@Resolver(() => FlowCampaign)
export class FlowCampaignResolver {
  @Authorized()
  @Query(() => [FlowCampaign], { description: 'The viewer\'s flow campaigns by id, of one bot page or of all.' })
  async flowCampaigns(@Ctx() ctx: Context, @Arg('pageId', () => Int, { nullable: true }) pageId: number | null): Promise<FlowCampaign[]> {
    return (await viewerFlowCampaigns(ctx, pageId ?? null)).map(toFlowCampaign);
  }

  @Authorized()
  @Query(() => FlowCampaign, { nullable: true, description: 'One of the viewer\'s flow campaigns.' })
  async flowCampaign(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<FlowCampaign | null> {
    const row = await nullIfNotFound(requireFlowCampaign(ctx, id));
    return row ? toFlowCampaign(row) : null;
  }

  @Authorized()
  @Mutation(() => FlowCampaign, { description: 'Makes a flow campaign on one of the viewer\'s bot pages; questions are asked in the given order (1 to 50).' })
  async createFlowCampaign(
    @Ctx() ctx: Context,
    @Arg('name') name: string,
    @Arg('pageId', () => Int) pageId: number,
    @Arg('questions', () => [String]) questions: string[],
  ): Promise<FlowCampaign> {
    return toFlowCampaign(await createFlowCampaign(ctx, name, pageId, questions));
  }

  @Authorized()
  @Mutation(() => FlowCampaign, { description: 'Records a subscriber\'s answers to questions of a campaign; answering again replaces an answer.' })
  async recordFlowAnswers(
    @Ctx() ctx: Context,
    @Arg('campaignId', () => Int) campaignId: number,
    @Arg('psid') psid: string,
    @Arg('answers', () => [FlowAnswerInput]) answers: FlowAnswerInput[],
  ): Promise<FlowCampaign> {
    return toFlowCampaign(await recordFlowAnswers(ctx, campaignId, psid, answers));
  }

  @FieldResolver(() => [FlowQuestion], { description: 'In the order they are asked.' })
  async questions(@Root() campaign: FlowCampaign, @Ctx() ctx: Context): Promise<FlowQuestion[]> {
    return (await ctx.loaders.flowQuestions.load(campaign.id)).map(toFlowQuestion);
  }
}

@Resolver(() => FlowQuestion)
export class FlowQuestionResolver {
  @FieldResolver(() => [FlowAnswer], { description: 'Answers in the order they were given; with psid, only that subscriber\'s.' })
  async answers(@Root() question: FlowQuestion, @Ctx() ctx: Context, @Arg('psid', () => String, { nullable: true }) psid: string | null): Promise<FlowAnswer[]> {
    return (await ctx.loaders.flowAnswers.load(answersKey(question.id, psid ?? null))).map(toFlowAnswer);
  }
}

@Resolver(() => FlowAnswer)
export class FlowAnswerResolver {
  @FieldResolver(() => Subscriber)
  async subscriber(@Root() answer: FlowAnswer, @Ctx() ctx: Context): Promise<Subscriber> {
    return toSubscriber((await ctx.loaders.subscriber.load(answer.subscriberId))!);
  }
}
