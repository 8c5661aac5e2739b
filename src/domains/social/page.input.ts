import { IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { PlaceImagesInput } from './place.input';
import { IsWebUrl } from '../site/web-url';
import { HANDLE, HANDLE_MESSAGE } from './place-rules';

/** The page fields kept in `extra`, as the social API names them (`instgram` is its own spelling). */
export const PAGE_EXTRA_FIELDS = [
  'facebook', 'twitter', 'instagram', 'instgram', 'linkedin', 'youtube', 'vk', 'google', 'company', 'call_action_type', 'call_action_type_url',
] as const;

@InputType({ description: 'A new page, owned by the viewer.' })
export class CreatePageInput {
  @Field({ description: 'The handle: 5-32 letters, digits or "_", unique.' }) @Matches(HANDLE, { message: HANDLE_MESSAGE }) name!: string;
  @Field() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() website?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) address?: string | null;
}

@InputType({ description: 'Changes to a page (its owner, or an admin). Omitted fields stay as they are.' })
export class UpdatePageInput extends PlaceImagesInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(HANDLE, { message: HANDLE_MESSAGE }) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() website?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) address?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Turns the page\'s Messenger bot on or off.' }) botEnabled?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Admins only.' }) verified?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Admins only.' }) promoted?: boolean;
  @Field(() => GraphQLJSONObject, { nullable: true, description: `Other fields as text (${PAGE_EXTRA_FIELDS.join(', ')}); a null value removes one.` })
  extra?: Record<string, unknown>;
}
