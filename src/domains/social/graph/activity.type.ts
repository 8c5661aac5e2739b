import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** The kinds of activity, valued as stored (`activities.activity_type`). */
export enum ActivityType {
  FOLLOWING = 'following',
  POST = 'post',
  COMMENT = 'comment',
  REPLY = 'reply',
  REACTION = 'reaction',
}
/** The stored kinds the graph records (`activities.activity_type`), by name. */
export const ACTIVITY_TYPE = ActivityType;

registerEnumType(ActivityType, { name: 'ActivityType', description: 'What someone did: followed a user, posted, commented, replied or reacted.' });

/** What an activity is about, valued as stored (`activities.ref_type`). */
export enum ActivitySubject {
  USER = 'USER',
  POST = 'POST',
  COMMENT = 'COMMENT',
  REPLY = 'REPLY',
}
registerEnumType(ActivitySubject, { name: 'ActivitySubject', description: 'The kind of object an activity is about: USER (the followed user), POST, COMMENT or REPLY.' });

@ObjectType({ implements: Node, description: 'Something the viewer or someone they follow did: followed a user, posted, commented, replied or reacted.' })
export class Activity {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId', description: 'Who did it.' }) userId!: number;
  @Field(() => ActivityType, { description: 'What was done.' }) type!: ActivityType;
  @Field(() => ActivitySubject, { description: 'What it is about.' }) refType!: ActivitySubject;
  @Field(() => Int, { name: 'refDatabaseId', description: 'The number of what it is about.' }) refId!: number;
  @Field(() => Int, { name: 'postDatabaseId', nullable: true, description: 'The post it is about (the post of a comment or reply); null for a follow.' }) postId!: number | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const ActivityConnection = connectionType(Activity, { description: 'A page of activities, newest first.' });
