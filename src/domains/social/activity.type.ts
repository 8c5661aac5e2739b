import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/** The kinds of activity the graph records. */
export const ACTIVITY_TYPE = {
  FOLLOWING: 'following',
  POST: 'post',
  COMMENT: 'comment',
  REPLY: 'reply',
  REACTION: 'reaction',
} as const;

@ObjectType({ description: 'Something the viewer or someone they follow did: followed a user, posted, commented, replied or reacted.' })
export class Activity {
  @Field(() => Int) id!: number;
  @Field(() => Int, { description: 'Who did it.' }) userId!: number;
  @Field({ description: 'following, post, comment, reply or reaction.' }) type!: string;
  @Field({ description: 'What it is about: USER (the followed user), POST, COMMENT or REPLY.' }) refType!: string;
  @Field(() => Int) refId!: number;
  @Field(() => Int, { nullable: true, description: 'The post it is about (the post of a comment or reply); null for a follow.' }) postId!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
