import { setTimeout as sleep } from 'node:timers/promises';
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';
import { authenticateToken } from '../auth/authenticate';
import { storedSecret } from '../auth/secrets';
import type { Viewer } from '../auth/viewer';
import { findAccessToken } from '../domains/users/credential.repository';
import { createContext } from '../graphql/context';
import { UnauthenticatedError } from '../errors';
import { toGraphQLError } from '../graphql/graphql-errors';
import { Topic } from '../graphql/pubsub';
import type { Context, Services } from '../graphql/context.types';

/** The close code of a socket whose session ended: graphql-ws's Forbidden, as for a refused `connection_init`. */
export const SESSION_ENDED_CLOSE_CODE = 4403;

/** How long a socket whose session ended waits for its subscriptions' last messages to go out before closing. */
const LAST_MESSAGES_WAIT_MS = 1000;

/** A session is checked again this long after its stored expiry; the longest wait a timer takes. */
const EXPIRY_MARGIN_MS = 20;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The refusal of an operation (or the end of a subscription) whose session is gone, as graphql-ws sends it. */
export function sessionEnded(): GraphQLError {
  return toGraphQLError(new UnauthenticatedError('Your session has ended: sign in again'));
}

/** One open socket: the token it signed in with, its viewer as of the last check, its running subscriptions. */
export class SocketSession {
  readonly subscriptions = new Map<string, RunningSubscription>();
  ended = false;
  /** Access changes heard for this socket's user: an operation checked meanwhile checks again. */
  changes = 0;
  /** The check due when the session's stored expiry passes. */
  expiryCheck: NodeJS.Timeout | undefined;

  constructor(
    readonly token: string,
    public viewer: Viewer,
    readonly socket: WebSocket,
    readonly ip: string | null,
  ) {}

  /** Every running subscription now reads `viewer` as its context's viewer, so per-event checks see the current one. */
  setViewer(viewer: Viewer): void {
    this.viewer = viewer;
    for (const subscription of this.subscriptions.values()) subscription.context.viewer = viewer;
  }
}

/**
 * A subscription a socket accepted, from its acceptance to its end. `stop` ends it with an error
 * the client reads: graphql-ws sends it as the operation's `error` message, code in `extensions`.
 * It works before the stream started too: the stream then ends at its first step.
 */
export class RunningSubscription {
  private stream: AsyncIterator<ExecutionResult> | null = null;
  private stopError: GraphQLError | null = null;
  /** Rejects the `next` graphql-ws awaits, if any: `stop` ends it at once. */
  private interrupt: ((error: GraphQLError) => void) | null = null;
  /** Resolves when graphql-ws is done with the operation (its last message sent). */
  readonly finished: Promise<void>;
  /** Marks the operation done; graphql-ws's `onComplete` calls it whichever way the subscription ended. */
  finish!: () => void;

  constructor(readonly args: ExecutionArgs) {
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  get context(): Context {
    return this.args.contextValue as Context;
  }

  stop(error: GraphQLError): void {
    if (this.stopError) return;
    this.stopError = error;
    this.interrupt?.(error);
    void this.stream?.return?.();
  }

  /**
   * The subscription's results as graphql-ws iterates them: its own, until `stop`. (Not a race
   * against one stop promise: each race leaves a reaction on it, holding every result until the end.)
   */
  track(stream: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
    this.stream = stream;
    if (this.stopError) void stream.return?.();
    const end = async (): Promise<IteratorResult<ExecutionResult>> => (await stream.return?.()) ?? { done: true, value: undefined };
    return {
      next: () =>
        new Promise((resolve, reject) => {
          if (this.stopError) return reject(this.stopError);
          this.interrupt = reject;
          stream.next().then(resolve, reject);
        }),
      return: end,
      throw: async (error: unknown) => {
        await end();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/**
 * The open sockets of this instance, by user, kept to their sessions' current state. Every
 * instance hears `accessChanged` (src/graphql/pubsub.ts; over Redis when it is configured): each
 * socket of the users named checks its token again with the function HTTP uses. A session that is
 * gone (logout, password change or reset, expiry, a banned, inactive or deleted user) ends the
 * socket: each running subscription gets UNAUTHENTICATED, then the socket closes with 4403. A
 * session still valid takes the new viewer (a role change, say), and each running subscription
 * whose `subscribe` now refuses that viewer (a demoted admin's `webhookEvent`, a chat left) ends
 * with that refusal. A session with a stored expiry is also checked when it passes, so an idle
 * socket's subscriptions end then too.
 */
export class SocketSessions {
  private readonly byUser = new Map<number, Set<SocketSession>>();
  private readonly changes: AsyncIterator<{ userIds: number[] }>;

  constructor(
    private readonly services: Services,
    private readonly report: (error: unknown) => void,
  ) {
    const changes = services.pubsub.subscribe(Topic.AccessChanged)[Symbol.asyncIterator]();
    this.changes = changes;
    void (async () => {
      for (let change = await changes.next(); !change.done; change = await changes.next()) {
        this.recheckUsers(change.value.userIds).catch(report);
      }
    })().catch(report);
  }

  add(session: SocketSession): void {
    const sessions = this.byUser.get(session.viewer.userId) ?? new Set();
    sessions.add(session);
    this.byUser.set(session.viewer.userId, sessions);
    this.watchExpiry(session).catch(this.report);
  }

  /** Forgets a closed socket; an expiry watch still reading its row stops there. */
  remove(session: SocketSession): void {
    session.ended = true;
    clearTimeout(session.expiryCheck);
    const sessions = this.byUser.get(session.viewer.userId);
    sessions?.delete(session);
    if (sessions?.size === 0) this.byUser.delete(session.viewer.userId);
  }

  /** The socket's viewer now, checked as HTTP checks a token; null when its session is gone (and the socket is ending). */
  async current(session: SocketSession): Promise<Viewer | null> {
    const viewer = session.ended ? null : await authenticateToken(this.services.db, session.token, 'websocket');
    if (!viewer) {
      void this.end(session).catch(this.report);
      return null;
    }
    session.setViewer(viewer);
    return viewer;
  }

  /** Stops listening for access changes (shutdown); the sockets themselves close with the server. */
  async close(): Promise<void> {
    await this.changes.return?.();
  }

  private async recheckUsers(userIds: number[]): Promise<void> {
    const sessions = userIds.flatMap((userId) => [...(this.byUser.get(userId) ?? [])]);
    for (const session of sessions) session.changes++;
    await Promise.all(sessions.map((session) => this.recheck(session)));
  }

  /**
   * Checks the socket's token again once its session's stored expiry has passed. Until then it only
   * reads the expiry (a use may have moved it on), so watching never counts as using the session.
   */
  private async watchExpiry(session: SocketSession): Promise<void> {
    const row = await findAccessToken(this.services.db, storedSecret(session.token).lookup);
    clearTimeout(session.expiryCheck);
    if (session.ended || !row?.expires_at) return;
    const wait = Date.parse(row.expires_at) - Date.now();
    if (wait < 0) return this.recheck(session);
    session.expiryCheck = setTimeout(() => void this.watchExpiry(session).catch(this.report), Math.min(wait + EXPIRY_MARGIN_MS, MAX_TIMER_MS));
    session.expiryCheck.unref();
  }

  private async recheck(session: SocketSession): Promise<void> {
    const viewer = await this.current(session);
    if (!viewer) return;
    for (const subscription of [...session.subscriptions.values()]) {
      const refusal = await this.refusal(subscription.args, session, viewer);
      if (refusal) subscription.stop(refusal);
    }
  }

  /** Why the subscription's root field would refuse `viewer` now (its own `subscribe` decides), or null. */
  private async refusal(args: ExecutionArgs, session: SocketSession, viewer: Viewer): Promise<GraphQLError | null> {
    const contextValue = createContext(this.services, { viewer, requestId: 'access check', ip: session.ip });
    const source = await createSourceEventStream({ ...args, contextValue });
    if (Symbol.asyncIterator in source) {
      await (source as AsyncIterableIterator<unknown>).return?.();
      return null;
    }
    return source.errors?.[0] ?? null;
  }

  /** Ends every subscription of the socket with UNAUTHENTICATED, lets those messages go out, then closes it. */
  private async end(session: SocketSession): Promise<void> {
    if (session.ended) return;
    session.ended = true;
    clearTimeout(session.expiryCheck);
    const running = [...session.subscriptions.values()];
    const error = sessionEnded();
    for (const subscription of running) subscription.stop(error);
    await Promise.race([Promise.all(running.map((subscription) => subscription.finished)), sleep(LAST_MESSAGES_WAIT_MS)]);
    // The refused operation's own `error` message is sent after this method started: let it go first.
    await new Promise((resolve) => setImmediate(resolve));
    session.socket.close(SESSION_ENDED_CLOSE_CODE, 'Session ended');
  }
}
