import { IsOptional } from '../../graphql/validators';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** WoWonder's audiences (`birth_privacy`, `post_privacy`), stored as their numbers. */
export enum Audience {
  EVERYONE = 0,
  PEOPLE_I_FOLLOW = 1,
  NOBODY = 2,
}
registerEnumType(Audience, { name: 'Audience', description: 'Who may see or do something: everyone, the people the user follows, or nobody else.' });

/** WoWonder's `follow_privacy`, stored as its number: who follows the user at once (the others ask). */
export enum FollowPrivacy {
  EVERYONE = 0,
  PEOPLE_I_FOLLOW = 1,
}
registerEnumType(FollowPrivacy, { name: 'FollowPrivacy', description: 'Who follows a user at once: everyone, or only the people the user follows (the others ask).' });

/** A user's privacy settings: WoWonder's own, plus being found by phone number. */
@ObjectType({ description: 'Who may see what of a user, and who may follow, message or find them. Only the user (and admins) read it.' })
export class Privacy {
  @Field(() => FollowPrivacy, { description: 'WoWonder follow_privacy: who follows the user at once; the others ask.' }) followPrivacy!: FollowPrivacy;
  @Field({ description: 'WoWonder confirm_followers: every follow is a request until the user accepts it.' }) confirmFollowers!: boolean;
  @Field(() => Audience, { description: 'WoWonder message_privacy: who may message the user.' }) messagePrivacy!: Audience;
  @Field({ description: 'WoWonder share_my_location: others find the user in nearby searches (by distance only; the position itself is never shown).' }) shareLocation!: boolean;
  @Field(() => Audience, { description: 'WoWonder birth_privacy: who sees the birthday.' }) birthday!: Audience;
  @Field({ description: 'WoWonder status: others see whether the user is online, when they were last seen and their sign-in count.' }) showOnline!: boolean;
  @Field(() => Audience, { description: "WoWonder post_privacy: who may post on the user's timeline. Stored for the social API; posts here go on their author's own timeline only." })
  timelinePosts!: Audience;
  @Field({ description: "Others who know the user's phone number find them among their contacts (suggestions). Off until the user turns it on." }) findableByPhone!: boolean;
}

/** Privacy settings to change; omitted ones stay as they are. */
@InputType({ description: 'Privacy settings to change; omitted ones stay as they are.' })
export class UpdatePrivacyInput {
  @Field(() => FollowPrivacy, { nullable: true }) @IsOptional() followPrivacy?: FollowPrivacy;
  @Field(() => Boolean, { nullable: true }) @IsOptional() confirmFollowers?: boolean;
  @Field(() => Audience, { nullable: true }) @IsOptional() messagePrivacy?: Audience;
  @Field(() => Boolean, { nullable: true }) @IsOptional() shareLocation?: boolean;
  @Field(() => Audience, { nullable: true }) @IsOptional() birthday?: Audience;
  @Field(() => Boolean, { nullable: true }) @IsOptional() showOnline?: boolean;
  @Field(() => Audience, { nullable: true }) @IsOptional() timelinePosts?: Audience;
  @Field(() => Boolean, { nullable: true }) @IsOptional() findableByPhone?: boolean;
}
