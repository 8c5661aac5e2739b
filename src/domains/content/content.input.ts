import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

/** Who a post, comment or reply is written as. Only admins and moderators may name someone else. */
@InputType()
export class AuthorRef {
  @Field(() => Int, { nullable: true }) id?: number;
  @Field(() => String, { nullable: true }) msid?: string;
}

@InputType()
export class CreatePostInput {
  @Field(() => Int, { nullable: true, description: 'A community board; omit for a social timeline post.' }) @IsOptional() boardId?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) headline?: string | null;
  @Field() @Length(1, 50000, { message: 'content must be 1-50000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType({ description: 'Omitted fields stay as they are.' })
export class UpdatePostInput {
  @Field(() => Int, { nullable: true }) @IsOptional() boardId?: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) headline?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 50000, { message: 'content must be 1-50000 characters' }) content?: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType()
export class CreateCommentInput {
  @Field(() => Int) postId!: number;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType()
export class CreateReplyInput {
  @Field(() => Int) commentId!: number;
  @Field() @Length(1, 20000, { message: 'content must be 1-20000 characters' }) content!: string;
  @Field(() => AuthorRef, { nullable: true }) @IsOptional() author?: AuthorRef | null;
}

@InputType()
export class PostsFilter {
  @Field(() => Int, { nullable: true }) boardId?: number;
  @Field(() => Int, { nullable: true }) authorId?: number;
  @Field(() => Int, { nullable: true }) pageId?: number;
  @Field(() => Int, { nullable: true }) groupId?: number;
  @Field(() => String, { nullable: true, description: 'A tag name.' }) @IsOptional() @MaxLength(64) tag?: string;
  @Field(() => Int, { nullable: true, description: 'A post status; defaults to 15 (ACTIVE). Others are for staff and authors.' }) status?: number;
}
