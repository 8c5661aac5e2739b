import { IsOptional, Matches, MaxLength } from '../../../graphql/validators';
import { Field, InputType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../../media/upload.scalar';
import { IMAGE_URL, imageUrlMessage } from './place.rules';

/** The avatar and cover of a page or group change: a URL as text, or an uploaded image. */
@InputType()
export abstract class PlaceImagesInput {
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
  @Field(() => UploadScalar, { nullable: true, description: 'A new avatar image, uploaded (an id from POST /uploads).' }) avatarFile?: UploadValue | null;
  @Field(() => UploadScalar, { nullable: true, description: 'A new cover image, uploaded (an id from POST /uploads).' }) coverFile?: UploadValue | null;
}
