import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';

/** The kinds of activity the graph records. */
export const ACTIVITY_TYPE = {
  FOLLOWING: 'following',
  POST: 'post',
  COMMENT: 'comment',
  REPLY: 'reply',
  REACTION: 'reaction',
} as const;

@ObjectType({ implements: Node, description: 'Something the viewer or someone they follow did: followed a user, posted, commented, replied or reacted.' })
export class Activity {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId', description: 'Who did it.' }) userId!: number;
  @Field({ description: 'following, post, comment, reply or reaction.' }) type!: string;
  @Field({ description: 'What it is about: USER (the followed user), POST, COMMENT or REPLY.' }) refType!: string;
  @Field(() => Int, { name: 'refDatabaseId' }) refId!: number;
  @Field(() => Int, { name: 'postDatabaseId', nullable: true, description: 'The post it is about (the post of a comment or reply); null for a follow.' }) postId!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}
