import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserStatus } from './user-status';

export enum Presence {
  ONLINE = 'online',
  OFFLINE = 'offline',
}
registerEnumType(Presence, { name: 'Presence' });

@ObjectType({ description: 'Links to a user\'s profiles elsewhere.' })
export class SocialLinks {
  @Field(() => String, { nullable: true }) twitter!: string | null;
  @Field(() => String, { nullable: true }) linkedin!: string | null;
  @Field(() => String, { nullable: true }) facebook!: string | null;
  @Field(() => String, { nullable: true }) instagram!: string | null;
  @Field(() => String, { nullable: true }) youtube!: string | null;
}

/** One person, whichever API created them. Private fields read as null to anyone but the user and admins. */
@ObjectType({ description: 'A user of every API: social, community, chat and marketing.' })
export class User {
  @Field(() => Int) id!: number;
  @Field({ description: 'Random suffix of the msid.' }) sid!: string;
  @Field({ description: 'The community API\'s member id: `id.sid`.' }) msid!: string;
  @Field() username!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) middleName!: string | null;
  @Field(() => String, { nullable: true }) lastName!: string | null;
  @Field({ description: 'First, middle and last name joined; the username when there is none.' }) name!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) gender!: string | null;
  @Field(() => String, { nullable: true }) birthday!: string | null;
  @Field(() => String, { nullable: true }) about!: string | null;
  @Field(() => String, { nullable: true }) avatar!: string | null;
  @Field(() => String, { nullable: true }) cover!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) working!: string | null;
  @Field(() => String, { nullable: true }) school!: string | null;
  @Field(() => Int, { nullable: true }) countryId!: number | null;
  @Field() timezone!: string;
  @Field() lang!: string;
  @Field(() => SocialLinks) socialLinks!: SocialLinks;
  @Field(() => Int) roleId!: number;
  @Field(() => UserStatus) status!: UserStatus;
  @Field() isBot!: boolean;
  @Field() verified!: boolean;
  @Field() isPro!: boolean;
  @Field(() => Int) proType!: number;
  @Field({ description: 'Marketing user type: "Admin" or "Member".' }) userType!: string;
  @Field(() => Int, { nullable: true }) packageId!: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) expiredDate!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastLoginAt!: Date | null;
  @Field(() => String, { nullable: true }) lastLoginIp!: string | null;
  @Field(() => Int) loginCount!: number;
  @Field(() => Presence) presence!: Presence;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastSeenAt!: Date | null;
  @Field(() => Float, { nullable: true }) lat!: number | null;
  @Field(() => Float, { nullable: true }) lng!: number | null;
  @Field(() => Int, { description: 'Who may follow without approval: 0 everyone, 1 approval needed.' }) followPrivacy!: number;
  @Field(() => Int) messagePrivacy!: number;
  @Field(() => GraphQLJSONObject, { description: 'Free-form data integrations keep on the user.' }) meta!: Record<string, unknown>;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
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
