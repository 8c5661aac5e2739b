import { IsOptional, Length, MaxLength } from '../../graphql/validators';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PostStatus } from './content-status';

/** Who a post, comment or reply is written as. Only admins and moderators may name someone else. */
@InputType({ description: "Who a post, comment or reply is written as (a user's id or msid); only admins and moderators may name someone else." })
export class AuthorRef {
  @Field(() => ID, { nullable: true, description: 'A User id.' }) id?: string | null;
  @Field(() => String, { nullable: true }) msid?: string;
}

@InputType({ description: 'A new post: a board post when boardId is given (board rules apply), else a timeline post.' })
export class CreatePostInput {
  @Field(() => ID, { nullable: true, description: 'A community board; omit for a social timeline post.' }) @IsOptional() boardId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) headline?: string | null;
  @Field() @Length(1, 50000, { message: 'content must be 1-50000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType({ description: 'The post to edit; omitted fields stay as they are.' })
export class UpdatePostInput {
  @Field(() => ID) postId!: string;
  @Field(() => ID, { nullable: true, description: 'Moves the post to this board.' }) @IsOptional() boardId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) headline?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 50000, { message: 'content must be 1-50000 characters' }) content?: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType({ description: 'A post waiting for approval, and whether to approve or reject it.' })
export class ApprovePostInput {
  @Field(() => ID) postId!: string;
  @Field({ defaultValue: true, description: 'false rejects the post.' }) approve!: boolean;
}

@InputType({ description: 'A board post to pin or unpin.' })
export class PinPostInput {
  @Field(() => ID) postId!: string;
  @Field({ description: 'true pins, false unpins.' }) pinned!: boolean;
}

@InputType({ description: 'A new comment on a post.' })
export class CreateCommentInput {
  @Field(() => ID) postId!: string;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType({ description: 'The comment to edit and its new content.' })
export class UpdateCommentInput {
  @Field(() => ID) commentId!: string;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
}

@InputType({ description: 'A new reply to a comment.' })
export class CreateReplyInput {
  @Field(() => ID) commentId!: string;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType({ description: 'The reply to edit and its new content.' })
export class UpdateReplyInput {
  @Field(() => ID) replyId!: string;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
}

const SLOT = "The reaction slot 1-6 (1 like, 2 wonder/dislike), or null for none: sets the viewer's reaction to it.";

@InputType({ description: "The post to react to and the viewer's reaction slot (null for none)." })
export class ReactToPostInput {
  @Field(() => ID) postId!: string;
  @Field(() => Int, { nullable: true, description: SLOT }) slot!: number | null;
}

@InputType({ description: "The comment to react to and the viewer's reaction slot (null for none)." })
export class ReactToCommentInput {
  @Field(() => ID) commentId!: string;
  @Field(() => Int, { nullable: true, description: SLOT }) slot!: number | null;
}

@InputType({ description: "The reply to react to and the viewer's reaction slot (null for none)." })
export class ReactToReplyInput {
  @Field(() => ID) replyId!: string;
  @Field(() => Int, { nullable: true, description: SLOT }) slot!: number | null;
}

@InputType({ description: 'Which posts: every field given must match.' })
export class PostsFilter {
  @Field(() => ID, { nullable: true, description: 'A Board.' }) boardId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A User: their posts.' }) authorId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Page.' }) pageId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A Group.' }) groupId?: string | null;
  @Field(() => String, { nullable: true, description: 'A tag name.' }) @IsOptional() @MaxLength(64) tag?: string;
  @Field(() => PostStatus, { nullable: true, description: 'Defaults to ACTIVE. Others are for staff and authors.' }) status?: PostStatus | null;
}
