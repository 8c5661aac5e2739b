import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "A new label on one of the viewer's bot pages." })
export class CreateLabelInput {
  @Field(() => ID, { description: 'The bot Page.' }) pageId!: string;
  @Field({ description: '1 to 100 characters, unique on the page.' }) name!: string;
}

@InputType({ description: "Labels to give a subscriber of one of the viewer's bot pages." })
export class AssignLabelsInput {
  @Field(() => ID, { description: 'The bot Page.' }) pageId!: string;
  @Field({ description: "The subscriber's page-scoped id (digits)." }) psid!: string;
  @Field(() => [String], { description: 'Labels by their public ids (Label.labelId).' }) labelIds!: string[];
}

@InputType({ description: "A label to take from a subscriber of one of the viewer's bot pages." })
export class RemoveLabelInput {
  @Field(() => ID, { description: 'The bot Page.' }) pageId!: string;
  @Field({ description: "The subscriber's page-scoped id (digits)." }) psid!: string;
  @Field({ description: "The label's public id (Label.labelId)." }) labelId!: string;
}
