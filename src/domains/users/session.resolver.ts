import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.types';
import { MAX_LISTED_SESSIONS, revokeSession, viewerSessions } from './session.service';
import { fromGlobalId, toGlobalId } from '../../graphql/node';
import { toSession } from './session.mapper';
import { ActiveSession } from './session.type';

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
  @Mutation(() => ID, { description: "Ends one of the signed-in user's sessions at once and answers its id; another user's is NOT_FOUND." })
  async revokeSession(@Ctx() ctx: Context, @Arg('sessionId', () => ID) sessionId: string): Promise<string> {
    const id = fromGlobalId(sessionId, 'Session', 'sessionId');
    await revokeSession(ctx, id);
    return toGlobalId('Session', id);
  }
}
