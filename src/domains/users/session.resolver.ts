import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { revokeSession, viewerSessions } from './session.service';
import { Node } from '../../graphql/node';

@ObjectType('Session', { implements: Node, description: 'A signed-in session of the viewer: one token from register, login or social login.' })
export class ActiveSession {
  @Field(() => Int, { name: 'databaseId', description: 'The number in the database (and in the legacy APIs).' }) id!: number;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Recorded at most every 5 minutes.' }) lastUsedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it ends unless used before (SESSION_TTL after its last use).' }) expiresAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The address that signed in.' }) ip!: string | null;
  @Field(() => String, { nullable: true, description: 'The push-notification device id given at sign-in.' }) deviceId!: string | null;
  @Field({ description: 'Whether this request was made with it.' }) current!: boolean;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

@Resolver(() => ActiveSession)
export class SessionResolver {
  @Authorized()
  @Query(() => [ActiveSession], { description: 'The signed-in user\'s sessions, most recently used first (at most 100).' })
  async sessions(@Ctx() ctx: Context): Promise<ActiveSession[]> {
    const rows = await viewerSessions(ctx);
    return rows.map((row) => ({
      id: row.id,
      createdAt: new Date(row.created_at),
      lastUsedAt: date(row.last_used_at),
      expiresAt: date(row.expires_at),
      ip: row.ip,
      deviceId: row.device_id,
      current: row.id === ctx.viewer?.tokenId,
    }));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends one of the signed-in user\'s sessions at once; another user\'s is NOT_FOUND.' })
  revokeSession(@Ctx() ctx: Context, @Arg('id', () => Int) id: number): Promise<boolean> {
    return revokeSession(ctx, id);
  }
}
