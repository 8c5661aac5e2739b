import { IsOptional, Length, Matches, MaxLength } from '../../graphql/validators';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';

const COLOR = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

@InputType({ description: 'A new tag; `name` is shown as given and stored in its lowercase hashtag form.' })
export class CreateTagInput {
  @Field() @Length(1, 64) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) image?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) ogImage?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) ogTitle?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) ogDescription?: string | null;
  @Field(() => String, { nullable: true, description: 'Hex colour; defaults to #ffffff.' })
  @IsOptional()
  @Matches(COLOR, { message: 'backColor must be a hex colour such as #ffffff' })
  backColor?: string | null;
  @Field(() => String, { nullable: true, description: 'Hex colour; defaults to #330000.' })
  @IsOptional()
  @Matches(COLOR, { message: 'textColor must be a hex colour such as #330000' })
  textColor?: string | null;
}

@InputType({ description: 'The tag to change and its new fields.' })
export class UpdateTagInput extends CreateTagInput {
  @Field(() => ID) tagId!: string;
}

@InputType({ description: 'A tag and the post, comment, reply or user to map it to.' })
export class MapTagInput {
  @Field(() => ID) tagId!: string;
  @Field(() => ID, { description: 'A Post, Comment, Reply or User.' }) targetId!: string;
}

@InputType({ description: 'Which tags: every field given must match.' })
export class TagsFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these tags (at most 1000).' }) ids?: string[] | null;
}

export enum TagOrder {
  ID_ASC = 'ID_ASC',
  ID_DESC = 'ID_DESC',
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}
registerEnumType(TagOrder, { name: 'TagOrder', description: 'How tags are sorted: by id or by name (then id), ascending or descending.' });
