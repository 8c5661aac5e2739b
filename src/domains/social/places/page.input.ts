import { IsOptional, Length, Matches, MaxLength } from '../../../graphql/validators';
import { Field, ID, InputType } from 'type-graphql';
import { PlaceImagesInput } from './place.input';
import { IsWebUrl } from '../../site/web-url';
import { HANDLE, HANDLE_MESSAGE } from './place.rules';

/**
 * The PageDetails fields and the keys they are stored under in the `extra` column (the social API's
 * names; `instgram` is its own spelling).
 */
export const PAGE_DETAIL_KEYS = {
  facebook: 'facebook',
  twitter: 'twitter',
  instagram: 'instagram',
  instgram: 'instgram',
  linkedin: 'linkedin',
  youtube: 'youtube',
  vk: 'vk',
  google: 'google',
  company: 'company',
  callActionType: 'call_action_type',
  callActionTypeUrl: 'call_action_type_url',
} as const;

export type PageDetailField = keyof typeof PAGE_DETAIL_KEYS;

/** Changes to a page's details: a text sets a field, null clears it, an omitted field stays. */
@InputType({ description: "Changes to a page's details: text (at most 2048 characters) sets a field, null clears it, an omitted field stays as it is." })
export class PageDetailsInput {
  @Field(() => String, { nullable: true }) facebook?: string | null;
  @Field(() => String, { nullable: true }) twitter?: string | null;
  @Field(() => String, { nullable: true }) instagram?: string | null;
  @Field(() => String, { nullable: true, description: "The social API's own spelling, kept apart from instagram." }) instgram?: string | null;
  @Field(() => String, { nullable: true }) linkedin?: string | null;
  @Field(() => String, { nullable: true }) youtube?: string | null;
  @Field(() => String, { nullable: true }) vk?: string | null;
  @Field(() => String, { nullable: true }) google?: string | null;
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) callActionType?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) URL.' }) callActionTypeUrl?: string | null;
}

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
  @Field(() => ID, { description: 'The page to change.' }) pageId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(HANDLE, { message: HANDLE_MESSAGE }) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() website?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) address?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Turns the page's Messenger bot on or off." }) botEnabled?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Admins only.' }) verified?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Admins only.' }) promoted?: boolean;
  @Field(() => PageDetailsInput, { nullable: true, description: "Changes to the page's links, company and call to action." })
  details?: PageDetailsInput | null;
}

@InputType({ description: 'Whether the viewer likes a page.' })
export class SetPageLikedInput {
  @Field(() => ID) pageId!: string;
  @Field({ description: 'true likes the page, false takes the like back; setting the state it already has changes nothing.' }) liked!: boolean;
}
