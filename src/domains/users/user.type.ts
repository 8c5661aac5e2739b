import { GraphQLJSONObject } from 'graphql-scalars';
import { Extensions, Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SHARED_ACROSS_VIEWERS } from '../../graphql/shared-subscriptions';
import { UserStatus } from './user-status';

export enum Presence {
  ONLINE = 'online',
  OFFLINE = 'offline',
}
registerEnumType(Presence, { name: 'Presence' });

@ObjectType({ description: 'Links to a user\'s profiles elsewhere.' })
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
@ObjectType({ description: 'A user of every API: social, community, chat and marketing.' })
export class User {
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int) id!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'Random suffix of the msid.' }) sid!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'The community API\'s member id: `id.sid`.' }) msid!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() username!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) firstName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) middleName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) lastName!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'First, middle and last name joined; the username when there is none.' }) name!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) gender!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) birthday!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) about!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) avatar!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) cover!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) website!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) working!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => String, { nullable: true }) school!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { nullable: true }) countryId!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() timezone!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() lang!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => SocialLinks) socialLinks!: SocialLinks;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int) roleId!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => UserStatus) status!: UserStatus;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() isBot!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() verified!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field() isPro!: boolean;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int) proType!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field({ description: 'Marketing user type: "Admin" or "Member".' }) userType!: string;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { nullable: true }) packageId!: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) expiredDate!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => String, { nullable: true }) lastLoginIp!: string | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int) loginCount!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Presence) presence!: Presence;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime, { nullable: true }) lastSeenAt!: Date | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Float, { nullable: true }) lat!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Float, { nullable: true }) lng!: number | null;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int, { description: 'Who may follow without approval: 0 everyone, 1 approval needed.' }) followPrivacy!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => Int) messagePrivacy!: number;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLJSONObject, { description: 'Free-form data integrations keep on the user.' }) meta!: Record<string, unknown>;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Extensions(SHARED_ACROSS_VIEWERS) @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType({ description: 'A page of users.' })
export class UserPage {
  @Field(() => [User]) items!: User[];
  @Field({ description: 'True when a next page may hold more users.' }) hasMore!: boolean;
  @Field(() => Int) page!: number;
  @Field(() => Int) pageSize!: number;
}

@ObjectType({ description: 'A user went online or offline.' })
export class PresenceUpdate {
  @Field(() => Int) userId!: number;
  @Field(() => Presence) presence!: Presence;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastSeenAt!: Date | null;
}
