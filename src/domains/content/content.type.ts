import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { ReactionCounts } from './reaction.type';
import { Node } from '../../graphql/node';

/** A post: a social timeline post, or a community post when `boardId` is set. */
@ObjectType({ implements: Node })
export class Post {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'authorDatabaseId' }) authorId!: number;
  @Field(() => Int, { name: 'boardDatabaseId', nullable: true }) boardId!: number | null;
  @Field(() => Int, { name: 'pageDatabaseId', nullable: true }) pageId!: number | null;
  @Field(() => Int, { name: 'groupDatabaseId', nullable: true }) groupId!: number | null;
  @Field(() => String, { nullable: true }) headline!: string | null;
  @Field() content!: string;
  @Field({ description: 'The content without HTML.' }) cleanText!: string;
  @Field({ description: 'The start of the clean text.' }) shortText!: string;
  @Field(() => Int, { description: '15 ACTIVE, 4 APPROVAL_REQUIRED, 3 APPROVAL_REJECTED, 2 DRAFT, 0 INACTIVE, -2 REPORTED, -3 SPAM, -100 DELETED.' })
  status!: number;
  @Field(() => Int, { description: '11 ARCHIVED, 10 LOCKED, 9 MODERATED, 5 USER_REPORTED, 0 DEFAULT, -2 REPORTED, -3 SPAM, -100 DELETED.' })
  state!: number;
  @Field(() => Int) commentCount!: number;
  @Field(() => Int) replyCount!: number;
  @Field(() => Int) reactCount!: number;
  @Field(() => ReactionCounts) reactions!: ReactionCounts;
  @Field(() => Int) viewCount!: number;
  @Field() pinned!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastEditedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ implements: Node })
export class Comment {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'postDatabaseId' }) postId!: number;
  @Field(() => Int, { name: 'authorDatabaseId' }) authorId!: number;
  @Field() content!: string;
  @Field() cleanText!: string;
  @Field(() => Int) status!: number;
  @Field(() => Int) state!: number;
  @Field(() => Int) replyCount!: number;
  @Field(() => Int) reactCount!: number;
  @Field(() => ReactionCounts) reactions!: ReactionCounts;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastEditedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ implements: Node })
export class Reply {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'commentDatabaseId' }) commentId!: number;
  @Field(() => Int, { name: 'postDatabaseId' }) postId!: number;
  @Field(() => Int, { name: 'authorDatabaseId' }) authorId!: number;
  @Field() content!: string;
  @Field() cleanText!: string;
  @Field(() => Int) status!: number;
  @Field(() => Int) state!: number;
  @Field(() => Int) reactCount!: number;
  @Field(() => ReactionCounts) reactions!: ReactionCounts;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastEditedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ description: 'A page of posts.' })
export class PostPage {
  @Field(() => [Post]) items!: Post[];
  @Field() hasMore!: boolean;
}
