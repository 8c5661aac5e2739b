import { IsOptional, Length, Matches, MaxLength } from '../../../graphql/validators';
import { Field, ID, InputType } from 'type-graphql';
import { PlaceImagesInput } from './place.input';
import { HANDLE, HANDLE_MESSAGE } from './place.rules';

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
export class UpdateGroupInput extends PlaceImagesInput {
  @Field(() => ID, { description: 'The group to change.' }) groupId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(HANDLE, { message: HANDLE_MESSAGE }) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100, { message: 'title must be 1 to 100 characters' }) title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) about?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) category?: string | null;
  @Field(() => Boolean, { nullable: true }) isPrivate?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Turning approval off lets pending requests in.' }) joinNeedsApproval?: boolean;
}

@InputType({ description: 'Whether the viewer is in a group.' })
export class SetGroupMembershipInput {
  @Field(() => ID) groupId!: string;
  @Field({
    description: 'true joins (a group that needs approval, or a private one, takes a request: PENDING), false leaves or withdraws a request; the owner cannot leave.',
  })
  member!: boolean;
}
