import { GraphQLJSONObject } from 'graphql-scalars';
import { Extensions, Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SHARED_ACROSS_VIEWERS } from '../../graphql/shared-subscriptions';
import { UserStatus } from './user-status';
import { Audience, FollowPrivacy, Privacy } from './privacy.type';
import { Node } from '../../graphql/node';
import { connectionType } from '../../graphql/connection';

export enum Presence {
  ONLINE = 'online',
  OFFLINE = 'offline',
}
registerEnumType(Presence, { name: 'Presence', description: 'Whether a user is online or offline, as last set (setPresence); OFFLINE to a viewer the user hides their activity from.' });

/** WoWonder's pro levels (`pro_type`); the values are the stored numbers. */
export enum ProType {
  NONE = 0,
  STAR = 1,
  HOT = 2,
  ULTIMA = 3,
  VIP = 4,
}
registerEnumType(ProType, { name: 'ProType', description: 'A pro membership level (WoWonder pro_type): NONE for users who are not pro.' });

/** The marketing API's user type, which follows the role; the values are its legacy words. */
export enum UserType {
  ADMIN = 'Admin',
  MEMBER = 'Member',
}
registerEnumType(UserType, { name: 'UserType', description: "The marketing API's user type: ADMIN for admins, MEMBER for everyone else." });

@ObjectType({ description: "Links to a user's profiles elsewhere." })
export class SocialLinks {
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) twitter!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) linkedin!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) facebook!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) instagram!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) youtube!: string | null;
}

/**
 * One person, whichever API created them. Private fields read as null to anyone but the user and admins;
 * the others read the same for every viewer, so they are marked SHARED_ACROSS_VIEWERS.
 */
@ObjectType({ implements: Node, description: 'A user of every API: social, community, chat and marketing.' })
export class User {
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'Random suffix of the msid.' }) sid!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: "The community API's member id: `id.sid`." }) msid!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() username!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) firstName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) middleName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) lastName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'First, middle and last name joined; the username when there is none.' }) name!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) gender!: string | null;
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD; null to those outside the user's birthday audience." }) birthday!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) about!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) avatar!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) cover!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) website!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) working!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) school!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { nullable: true, description: "WoWonder's country number (0: none): a code from its own list, not a row." }) countryId!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() timezone!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() lang!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => SocialLinks) socialLinks!: SocialLinks;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'roleDatabaseId' }) roleId!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => UserStatus) status!: UserStatus;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() isBot!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() verified!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() isPro!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => ProType) proType!: ProType;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => UserType, { description: 'Marketing user type, from the role.' }) userType!: UserType;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { name: 'packageDatabaseId', nullable: true }) packageId!: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) expiredDate!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => String, { nullable: true }) lastLoginIp!: string | null;
  @Field(() => Int, { description: '0 to others when the user does not show being online.' }) loginCount!: number;
  @Field(() => Presence, { description: 'OFFLINE to others when the user does not show being online.' }) presence!: Presence;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null to others when the user does not show being online.' }) lastSeenAt!: Date | null;
  @Field(() => Float, { nullable: true, description: "The user's own position: null to everyone else." }) lat!: number | null;
  @Field(() => Float, { nullable: true, description: "The user's own position: null to everyone else." }) lng!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => FollowPrivacy, { description: 'WoWonder follow_privacy: who follows the user at once (the others ask).' }) followPrivacy!: FollowPrivacy;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Audience, { description: 'WoWonder message_privacy: who may message the user.' }) messagePrivacy!: Audience;
  @Field(() => Privacy, { nullable: true, description: "The privacy settings: the user's own and admins'; null to others." }) privacy!: Privacy | null;
  /** Who sees `birthday` (WoWonder birth_privacy); the birthday field resolver applies it. */
  birthPrivacy!: Audience;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLJSONObject, { description: 'Free-form data integrations keep on the user.' }) meta!: Record<string, unknown>;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

export const UserConnection = connectionType(User, { totalCount: true, description: 'A page of users.' });

@ObjectType({ description: 'A user went online or offline.' })
export class PresenceUpdate {
  @Field(() => Int, { name: 'userDatabaseId' }) userId!: number;
  @Field(() => Presence) presence!: Presence;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastSeenAt!: Date | null;
}

@ObjectType({ description: 'A new session: send the token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field() token!: string;
  @Field(() => User) user!: User;
}
