import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A label of a bot page, given to its subscribers (Messenger's custom labels). */
@ObjectType({ description: 'A label of a bot page; its labelId is the text id the marketing API shows.' })
export class Label {
  @Field(() => Int) id!: number;
  @Field({ description: 'The label\'s public id: digits, kept as text.' }) labelId!: string;
  @Field() name!: string;
  @Field(() => Int) pageId!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
