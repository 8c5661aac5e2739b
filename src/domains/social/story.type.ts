import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** A photo or video a user shares for 24 hours. */
@ObjectType()
export class Story {
  @Field(() => Int) id!: number;
  @Field(() => Int) userId!: number;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() fileUrl!: string;
  @Field({ description: 'image or video.' }) fileType!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the story stops being listed: 24 hours after it was shared.' }) expiresAt!: Date;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
