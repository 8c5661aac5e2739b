import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { UploadedFile } from '../../media/uploaded-file';
import { UploadScalar } from '../../media/upload.scalar';

/** A chat named by id, or the direct chat with a user (the social API names conversations that way). */
export interface ChatRef {
  chatId?: number | null;
  withUserId?: number | null;
}

@InputType({ description: 'A message to a chat (chatId) or to a user (toUserId: their direct chat, created on the first message). Text, media or both.' })
export class SendMessageInput {
  @Field(() => Int, { nullable: true }) chatId?: number | null;
  @Field(() => Int, { nullable: true }) toUserId?: number | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) URL sent as a link.' })
  @IsOptional()
  @MaxLength(2000)
  mediaUrl?: string | null;
  @Field(() => UploadScalar, { nullable: true, description: 'An uploaded image or video (multipart REST endpoints).' }) media?: UploadedFile | null;
  @Field(() => String, { nullable: true, description: 'An image URL the gateway downloads and stores, when the gateway allows imports.' })
  @IsOptional()
  @MaxLength(2000)
  importImageUrl?: string | null;
  @Field(() => Int, { nullable: true }) replyToId?: number | null;
  @Field(() => String, { nullable: true, description: 'An idempotency key: a repeated send with the same key returns the first message.' })
  @IsOptional()
  @Length(1, 100)
  hashId?: string | null;
}

@InputType()
export class ChatsFilter {
  @Field(() => Boolean, { nullable: true, description: 'Archived chats (true), the others (false, the default), or all (null).' }) archived?: boolean | null;
  @Field(() => Boolean, { nullable: true }) pinned?: boolean | null;
}
