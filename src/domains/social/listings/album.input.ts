import { ArrayMaxSize, IsOptional, Length } from '../../../graphql/validators';
import { Field, InputType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../../media/upload.scalar';

/** How many photos one album may get at once. */
export const MAX_ALBUM_MEDIA = 50;

@InputType({ description: 'A new album of the viewer with at least one photo: uploads, URLs or both.' })
export class CreateAlbumInput {
  @Field() @Length(1, 200, { message: 'name must be 1-200 characters' }) name!: string;
  @Field(() => [String], { nullable: true, description: 'Photo URLs, kept as given.' }) @IsOptional() @ArrayMaxSize(MAX_ALBUM_MEDIA) mediaUrls?: string[] | null;
  @Field(() => [UploadScalar], { nullable: true, description: 'Uploaded photos (ids from POST /uploads): jpg, jpeg, png or gif.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ALBUM_MEDIA)
  media?: UploadValue[] | null;
}
