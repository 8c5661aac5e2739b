import { Length } from '../../graphql/validators';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "A subscriber's answer to one question of a flow campaign." })
export class FlowAnswerInput {
  @Field(() => ID, { description: 'The FlowQuestion answered.' }) questionId!: string;
  @Field() @Length(1, 2000) answer!: string;
}

@InputType({ description: "A new flow campaign on one of the viewer's bot pages." })
export class CreateFlowCampaignInput {
  @Field() name!: string;
  @Field(() => ID, { description: 'The bot Page.' }) pageId!: string;
  @Field(() => [String], { description: '1 to 50 questions, asked in this order.' }) questions!: string[];
}

@InputType({ description: "A subscriber's answers to questions of one flow campaign." })
export class RecordFlowAnswersInput {
  @Field(() => ID, { description: 'The FlowCampaign.' }) campaignId!: string;
  @Field({ description: "The subscriber's page-scoped id (digits), on the campaign's bot page." }) psid!: string;
  @Field(() => [FlowAnswerInput]) answers!: FlowAnswerInput[];
}
