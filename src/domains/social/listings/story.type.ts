import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { Node } from '../../../graphql/node';
import { connectionType } from '../../../graphql/connection';

/** A photo or video a user shares for 24 hours. */
@ObjectType({ implements: Node, description: 'A photo or video a user shares for 24 hours.' })
export class Story {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'userDatabaseId' }) userId!: number;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field() fileUrl!: string;
  @Field({ description: 'image or video.' }) fileType!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the story stops being listed: 24 hours after it was shared.' }) expiresAt!: Date;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

export const StoryConnection = connectionType(Story, { description: 'A page of stories, newest first.' });
