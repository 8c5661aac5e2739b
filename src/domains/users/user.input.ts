import { IsEmail, IsIn, IsOptional, Length, Matches, MaxLength, Min, MinLength, ValidateNested } from '../../graphql/validators';
import { Field, Float, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { UploadScalar, type UploadValue } from '../../media/upload.scalar';
import { IsWebUrl } from '../site/web-url';
import { Audience, FollowPrivacy, UpdatePrivacyInput } from './privacy.type';
import { UserStatus } from './user-status';
import { Presence } from './user.type';

const USERNAME = /^[A-Za-z0-9_.]+$/;
const USERNAME_MESSAGE = 'username may hold only letters, digits, "_" and "."';

@InputType({ description: 'Self sign-up.' })
export class RegisterInput {
  @Field() @Length(3, 32) @Matches(USERNAME, { message: USERNAME_MESSAGE }) username!: string;
  @Field() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email!: string;
  @Field() @MinLength(6, { message: 'password must be at least 6 characters' }) @MaxLength(128) password!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) lastName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) timezone?: string | null;
  @Field(() => String, { nullable: true, description: 'Push-notification device id.' }) @IsOptional() @MaxLength(255) deviceId?: string | null;
}

@InputType({ description: 'Links to profiles elsewhere; omitted keys stay as they are, null clears one.' })
export class SocialLinksInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebUrl() twitter?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebUrl() linkedin?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebUrl() facebook?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebUrl() instagram?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsWebUrl() youtube?: string | null;
}

/** Profile fields any user may change on themselves. Omitted fields stay as they are. */
@InputType({ description: 'Profile fields any user may change on themselves. Omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(3, 32) @Matches(USERNAME, { message: USERNAME_MESSAGE }) username?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'email must be a valid email address' }) email?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) middleName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) lastName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\+?[0-9 ()-]{3,32}$/, { message: 'phone must be a phone number' }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) address?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(['male', 'female', 'other'], { message: 'gender must be male, female or other' }) gender?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) about?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() avatar?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() cover?: string | null;
  @Field(() => UploadScalar, { nullable: true, description: 'A new avatar image, uploaded (an id from POST /uploads); instead of avatar.' }) avatarFile?: UploadValue | null;
  @Field(() => UploadScalar, { nullable: true, description: 'A new cover image, uploaded (an id from POST /uploads); instead of cover.' }) coverFile?: UploadValue | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2048) @IsWebUrl() website?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) working?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) school?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) countryId?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(64) timezone?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/, { message: 'lang must be a language code such as en or pt-BR' }) lang?: string;
  @Field(() => SocialLinksInput, { nullable: true }) @IsOptional() @ValidateNested() socialLinks?: SocialLinksInput;
  @Field(() => Float, { nullable: true }) @IsOptional() lat?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() lng?: number | null;
  @Field(() => FollowPrivacy, { nullable: true }) @IsOptional() followPrivacy?: FollowPrivacy;
  @Field(() => Audience, { nullable: true }) @IsOptional() messagePrivacy?: Audience;
  @Field(() => UpdatePrivacyInput, { nullable: true }) @IsOptional() @ValidateNested() privacy?: UpdatePrivacyInput;
  @Field(() => String, { nullable: true, description: 'A new password for yourself; needs currentPassword.' })
  @IsOptional()
  @MinLength(6, { message: 'new password must be at least 6 characters' })
  @MaxLength(128)
  newPassword?: string;
  @Field(() => String, { nullable: true, description: 'Your password now: needed with newPassword or a new email.' }) @IsOptional() currentPassword?: string;
}

/** Everything a profile holds plus the fields only admins set. */
@InputType({ description: 'The profile plus the fields only admins set.' })
export class UserFieldsInput extends UpdateProfileInput {
  @Field(() => UserStatus, { nullable: true }) @IsOptional() status?: UserStatus;
  @Field(() => ID, { nullable: true, description: 'The marketing package (global id); null removes it.' }) @IsOptional() packageId?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() expiredDate?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MinLength(6, { message: 'password must be at least 6 characters' }) password?: string;
}

/** The changes updateUser makes, and whom to: userId or msid. */
@InputType({ description: 'A user to change (exactly one of userId, msid) and the changes. Status, package, expiry and password are admin-only.' })
export class UpdateUserInput extends UserFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The user to change (global id).' }) @IsOptional() userId?: string | null;
  @Field(() => String, { nullable: true, description: 'The user to change by community msid (`id.sid`), instead of userId.' }) @IsOptional() msid?: string | null;
}

/** An account made by an admin or an integration (community, marketing). Username is derived from the email when omitted. */
@InputType({ description: 'An account made by an admin or an integration (community, marketing). Username is derived from the email when omitted.' })
export class CreateUserInput extends UserFieldsInput {
  @Field() @IsEmail({}, { message: 'email must be a valid email address' }) override email!: string;
  @Field(() => ID, { nullable: true, description: 'The role (global id); defaults to Member.' }) @IsOptional() roleId?: string | null;
  @Field(() => String, { nullable: true, description: 'Single sign-on id; one account per id.' }) @IsOptional() @MaxLength(255) ssoId?: string;
}

@InputType({ description: 'Gives a user (userId or msid) another role.' })
export class SetUserRoleInput {
  @Field(() => ID, { nullable: true, description: 'The user (global id).' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'The user by community msid (`id.sid`), instead of userId.' }) msid?: string | null;
  @Field(() => ID, { description: 'The role to give (global id).' }) roleId!: string;
}

@InputType({ description: 'Sets a user online or offline.' })
export class SetPresenceInput {
  @Field(() => Presence) presence!: Presence;
  @Field(() => ID, { nullable: true, description: 'The user (global id): yourself when omitted; others for admins only.' }) userId?: string | null;
}

@InputType({ description: 'Signs in with a username or email and a password.' })
export class LoginInput {
  @Field({ description: 'Username or email.' }) login!: string;
  @Field() password!: string;
  @Field(() => String, { nullable: true, description: 'Push-notification device id.' }) deviceId?: string | null;
  @Field(() => String, { nullable: true, description: "The user's time zone, recorded on the account." }) timezone?: string | null;
}

@InputType({ description: 'Signs in with a Facebook or Google access token.' })
export class SocialLoginInput {
  @Field({ description: 'facebook or google.' }) provider!: string;
  @Field() accessToken!: string;
  @Field(() => String, { nullable: true }) googleKey?: string | null;
}

@InputType({ description: 'The password now and the new one.' })
export class ChangePasswordInput {
  @Field() currentPassword!: string;
  @Field() newPassword!: string;
}

@InputType({ description: 'A mailed reset code and the new password.' })
export class ResetPasswordInput {
  @Field({ description: 'The code from the reset mail.' }) token!: string;
  @Field() newPassword!: string;
}

@InputType({ description: 'Which users to list.' })
export class UsersFilter {
  @Field(() => [UserStatus], { nullable: true, description: 'Defaults to ACTIVE.' }) statuses?: UserStatus[];
  @Field(() => String, { nullable: true, description: 'Matches username, first or last name.' }) search?: string;
  @Field(() => ID, { nullable: true, description: 'Only users with this role (global id).' }) roleId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only pro members (true) or only the others (false).' }) pro?: boolean;
}

/** A user's changes as the service takes them: the package by number. */
export type UserChanges = Omit<UserFieldsInput, 'packageId'> & { packageId?: number | null };

/** A new user as the service takes it: role and package by number. */
export type NewUser = Omit<CreateUserInput, 'packageId' | 'roleId'> & { packageId?: number | null; roleId?: number };

export { Presence };

/** The orders `users` lists in: a column, then the id as tie-breaker, both one direction. */
export enum UserOrder {
  USER_ID_DESC = 'USER_ID_DESC',
  USER_ID_ASC = 'USER_ID_ASC',
  JOINED_DESC = 'JOINED_DESC',
  JOINED_ASC = 'JOINED_ASC',
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}
registerEnumType(UserOrder, {
  name: 'UserOrder',
  description: 'The order of a user list. USER_ID by id; JOINED by sign-up time; NAME by first then last name (no name first ascending); ties by id.',
});
