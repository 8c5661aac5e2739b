import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { UploadedFile } from '../../media/uploaded-file';
import { UploadScalar } from '../../media/upload.scalar';
import { HANDLE, HANDLE_MESSAGE, IMAGE_URL, imageUrlMessage } from './place-rules';

@InputType({ description: 'A new group, owned by the viewer, who becomes its first member.' })
export class CreateGroupInput {
  @Field({ description: 'The handle: 5-32 letters, digits or "_", unique.' }) @Matches(HANDLE, { message: HANDLE_MESSAGE }) name!: string;
  @Field() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) about?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Defaults to public (false).' }) isPrivate?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Defaults to false: anyone joins at once.' }) joinNeedsApproval?: boolean | null;
}

@InputType({ description: 'Changes to a group (its owner, or an admin). Omitted fields stay as they are.' })
export class UpdateGroupInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(HANDLE, { message: HANDLE_MESSAGE }) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) about?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => Boolean, { nullable: true }) isPrivate?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Turning approval off lets pending requests in.' }) joinNeedsApproval?: boolean;
  @Field(() => String, { nullable: true, description: 'An image URL; null removes the avatar.' })
  @IsOptional()
  @MaxLength(2048)
  @Matches(IMAGE_URL, { message: imageUrlMessage('avatar') })
  avatar?: string | null;
  @Field(() => String, { nullable: true, description: 'An image URL; null removes the cover.' })
  @IsOptional()
  @MaxLength(2048)
  @Matches(IMAGE_URL, { message: imageUrlMessage('cover') })
  cover?: string | null;
  @Field(() => UploadScalar, { nullable: true, description: 'A new avatar image, uploaded (multipart REST endpoints).' }) avatarFile?: UploadedFile | null;
  @Field(() => UploadScalar, { nullable: true, description: 'A new cover image, uploaded (multipart REST endpoints).' }) coverFile?: UploadedFile | null;
}
