import { Field, GraphQLISODateTime, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../graphql/connection';
import { ReactionCounts } from './reaction.type';
import { Node } from '../../graphql/node';
import { ContentState, PostStatus } from './content-status';

registerEnumType(PostStatus, {
  name: 'PostStatus',
  description: 'Where a post, comment or reply is in its life: only ACTIVE ones show to everyone.',
});
registerEnumType(ContentState, {
  name: 'ContentState',
  description: "A post's, comment's or reply's moderation state: LOCKED and ARCHIVED posts take no new comments from members.",
});

/** A post: a social timeline post, or a community post when `boardId` is set. */
@ObjectType({ implements: Node, description: 'A post: a social timeline post, or a community post in a board.' })
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
  @Field(() => PostStatus) status!: PostStatus;
  @Field(() => ContentState) state!: ContentState;
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

/**
 * What comments and replies have in common: text written in answer to a post (a comment) or to a
 * comment (a reply). One service writes both (remark.service.ts).
 */
@InterfaceType({
  implements: Node,
  description: 'A comment on a post or a reply to a comment: text written in answer, with its author, status and reactions.',
  resolveType: (value: { commentId?: number }) => (value.commentId !== undefined ? 'Reply' : 'Comment'),
})
export abstract class Remark {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => Int, { name: 'postDatabaseId' }) postId!: number;
  @Field(() => Int, { name: 'authorDatabaseId' }) authorId!: number;
  @Field() content!: string;
  @Field({ description: 'The content without HTML.' }) cleanText!: string;
  @Field(() => PostStatus) status!: PostStatus;
  @Field(() => ContentState) state!: ContentState;
  @Field(() => Int) reactCount!: number;
  @Field(() => ReactionCounts) reactions!: ReactionCounts;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastEditedAt!: Date | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ implements: [Node, Remark], description: 'A comment on a post.' })
export class Comment extends Remark {
  @Field(() => Int) replyCount!: number;
}

@ObjectType({ implements: [Node, Remark], description: 'A reply to a comment.' })
export class Reply extends Remark {
  @Field(() => Int, { name: 'commentDatabaseId' }) commentId!: number;
}

export const PostConnection = connectionType(Post, { description: 'A page of posts, newest first.' });
export const CommentConnection = connectionType(Comment, { description: 'A page of comments, oldest first.' });
export const ReplyConnection = connectionType(Reply, { description: 'A page of replies, oldest first.' });
