import { IsIn, IsOptional, MaxLength } from '../../../graphql/validators';
import { Field, InputType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../../media/upload.scalar';

export const STORY_FILE_TYPES = ['image', 'video'] as const;

@InputType({ description: 'A story: an uploaded file, or a file URL with its fileType. A title, when given, has at least 2 characters.' })
export class CreateStoryInput {
  @Field(() => UploadScalar, { nullable: true, description: 'An image or video (an id from POST /uploads): jpg, jpeg, png, gif, mp4, mov, webm.' })
  file?: UploadValue | null;
  @Field(() => String, { nullable: true, description: 'An image or video URL elsewhere, kept as given.' })
  @IsOptional()
  @MaxLength(2000)
  fileUrl?: string | null;
  @Field(() => String, { nullable: true, description: "image or video: required with fileUrl; with a file it must match the file's content." })
  @IsOptional()
  @IsIn(STORY_FILE_TYPES, { message: 'fileType must be image or video' })
  fileType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
}
