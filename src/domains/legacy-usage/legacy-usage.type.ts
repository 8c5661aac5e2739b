import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A user agent that called a legacy route, with its calls (top agents are kept per route, counts may over-estimate rare ones).' })
export class LegacyUserAgentCounts {
  @Field({ description: 'The User-Agent header, at most 200 characters; empty when none was sent.' }) userAgent!: string;
  @Field(() => Int) calls!: number;
}

@ObjectType({ description: "One UTC day of a legacy route's usage." })
export class LegacyDayCounts {
  @Field({ description: 'The UTC day, YYYY-MM-DD.' }) day!: string;
  @Field(() => Int) calls!: number;
  @Field(() => Int) distinctCredentials!: number;
  @Field(() => Int) distinctUserAgents!: number;
}

@ObjectType({ description: 'How much one legacy REST route is still called, in this gateway instance since it started (per-day series: the last 30 UTC days).' })
export class LegacyRouteCounts {
  @Field({ description: 'social, web, community, chat or marketing.' }) family!: string;
  @Field() method!: string;
  @Field({ description: 'The route template as mounted, such as /api/v1/users/:msid.' }) path!: string;
  @Field(() => Int, { description: 'Calls since this instance started, answered in any way.' }) calls!: number;
  @Field(() => Int, { description: 'Distinct credentials (API key, else user) over the kept days.' }) distinctCredentials!: number;
  @Field({ description: 'False when distinctCredentials is a HyperLogLog estimate (past 64 a day or together).' }) distinctCredentialsExact!: boolean;
  @Field(() => Int, { description: 'Distinct User-Agent values over the kept days.' }) distinctUserAgents!: number;
  @Field() distinctUserAgentsExact!: boolean;
  @Field(() => [LegacyUserAgentCounts], { description: 'The most frequent user agents, at most 5.' }) topUserAgents!: LegacyUserAgentCounts[];
  @Field(() => GraphQLISODateTime) firstSeen!: Date;
  @Field(() => GraphQLISODateTime) lastSeen!: Date;
  @Field(() => [LegacyDayCounts], { description: 'One entry per UTC day with calls, oldest first, at most 30.' }) days!: LegacyDayCounts[];
}
