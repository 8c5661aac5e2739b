import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { MAX_LISTED_SESSIONS, revokeSession, viewerSessions } from './session.service';
import { fromGlobalId, Node, toGlobalId } from '../../graphql/node';

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

/** A session row as the viewer reads it. */
export function toSession(ctx: Context, row: { id: number; created_at: string; last_used_at: string | null; expires_at: string | null; ip: string | null; device_id: string | null }): ActiveSession {
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    lastUsedAt: date(row.last_used_at),
    expiresAt: date(row.expires_at),
    ip: row.ip,
    deviceId: row.device_id,
    current: row.id === ctx.viewer?.tokenId,
  };
}

@Resolver(() => ActiveSession)
export class SessionResolver {
  @Authorized()
  @Query(() => [ActiveSession], {
    description: `The signed-in user's sessions that have not expired, most recently used first: a bounded list, at most ${MAX_LISTED_SESSIONS} (older ones are not listed).`,
  })
  async sessions(@Ctx() ctx: Context): Promise<ActiveSession[]> {
    return (await viewerSessions(ctx)).map((row) => toSession(ctx, row));
  }

  @Authorized()
  @Mutation(() => ID, { description: 'Ends one of the signed-in user\'s sessions at once and answers its id; another user\'s is NOT_FOUND.' })
  async revokeSession(@Ctx() ctx: Context, @Arg('sessionId', () => ID) sessionId: string): Promise<string> {
    const id = fromGlobalId(sessionId, 'Session', 'sessionId');
    await revokeSession(ctx, id);
    return toGlobalId('Session', id);
  }
}
