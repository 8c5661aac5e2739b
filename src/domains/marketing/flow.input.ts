import { Length } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A subscriber\'s answer to one question of a flow campaign.' })
export class FlowAnswerInput {
  @Field(() => Int) questionId!: number;
  @Field() @Length(1, 2000) answer!: string;
}
