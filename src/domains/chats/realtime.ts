import { viewerOf } from '../../auth/authenticate';
import { repeatEvery, startInBackground } from '../../background';
import type { Viewer } from '../../auth/viewer';
import { createContext } from '../../graphql/context';
import { Topic } from '../../graphql/pubsub';
import { setPresence } from '../users/auth.service';
import { participantUserIds } from './chat.repository';
import { deleteLapsedTyping, deleteTypingOfUser, type TypingRow } from './chat-typing.repository';
import { ClusterPresence, HEARTBEAT_MS } from '../../redis/presence';
import type { Services } from '../../graphql/context.types';

/** Ends "typing…" rows and tells each chat's participants. */
async function stopTyping(services: Services, rows: TypingRow[]): Promise<void> {
  for (const row of rows) {
    const userIds = await participantUserIds(services.db, row.chat_id);
    services.pubsub.publish(Topic.TypingChanged, { chatId: row.chat_id, userId: row.user_id, typing: false, expiresAt: null, userIds });
  }
}

/** Removes lapsed "typing…" rows and publishes typing: false for each. */
export async function expireTyping(services: Services, now = new Date()): Promise<number> {
  const expired = await deleteLapsedTyping(services.db, now.toISOString());
  await stopTyping(services, expired);
  return expired.length;
}

/**
 * Sweeps lapsed "typing…" every `intervalMs`, so a client that went away without sending "stopped"
 * does not stay typing. Returns the function that stops the sweeper, once a sweep in flight ends.
 */
export function startTypingSweeper(services: Services, onError: (error: unknown) => void, intervalMs = 1000): () => Promise<void> {
  return repeatEvery(intervalMs, () => expireTyping(services), onError);
}

/**
 * Presence from live sockets: a user's first open socket sets them online; when their last one
 * closes they go offline (last seen now) and stop typing everywhere. With Redis the sockets are
 * counted over every instance (src/redis/presence.ts): first anywhere, last anywhere; each beat
 * (HEARTBEAT_MS) renews this instance's liveness and takes offline the users of instances that
 * died without closing. Should Redis fail, this instance's own count decides. `closeAll` does the
 * last-socket work for every user still connected here, for shutdown; later closes change nothing.
 */
export class SocketPresence {
  private readonly open = new Map<number, { viewer: Viewer; sockets: number }>();
  private closed = false;
  private readonly cluster: ClusterPresence | null;
  private readonly beat: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(private readonly services: Services) {
    this.cluster = services.redis ? new ClusterPresence(services.redis) : null;
    if (!this.cluster) return;
    this.beat = startInBackground('presence beat', () => {
      const beat = setInterval(() => this.tick(), HEARTBEAT_MS);
      this.tick();
      return beat;
    });
    this.beat.unref();
  }

  async connected(viewer: Viewer): Promise<void> {
    if (this.closed) return;
    const entry = this.open.get(viewer.userId) ?? { viewer, sockets: 0 };
    entry.sockets += 1;
    this.open.set(viewer.userId, entry);
    if ((await this.everywhere(viewer.userId, 1, entry.sockets)) === 1) await this.set(viewer, 'online');
  }

  async disconnected(viewer: Viewer): Promise<void> {
    const entry = this.open.get(viewer.userId);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets === 0) this.open.delete(viewer.userId);
    if ((await this.everywhere(viewer.userId, -1, entry.sockets)) === 0) await this.leave(viewer);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    if (this.beat) clearInterval(this.beat);
    await this.beating;
    const connected = new Map([...this.open].map(([userId, entry]) => [userId, entry.viewer]));
    this.open.clear();
    const leaving = this.cluster ? await this.cluster.retire().catch((error) => this.fallBack(error, [...connected.keys()])) : [...connected.keys()];
    for (const userId of leaving) await this.leave(connected.get(userId) ?? presenceViewer(userId));
  }

  /** The user's sockets on every instance after this change, or on this one when Redis fails. */
  private async everywhere(userId: number, delta: number, here: number): Promise<number> {
    if (!this.cluster) return here;
    return this.cluster.count(userId, delta).catch((error) => this.fallBack(error, here));
  }

  private fallBack<T>(error: unknown, local: T): T {
    this.services.redis?.reportError(error, 'presence');
    return local;
  }

  /** One beat at a time: renew liveness (restoring this instance's sockets if it was reaped), reap the dead. */
  private tick(): void {
    if (this.beating || this.closed) return;
    this.beating = this.beatOnce()
      .catch((error) => this.services.redis?.reportError(error, 'presence heartbeat'))
      .finally(() => {
        this.beating = null;
      });
  }

  private async beatOnce(): Promise<void> {
    const cluster = this.cluster!;
    if (await cluster.heartbeat()) {
      for (const [userId, entry] of this.open) {
        if ((await cluster.restore(userId, entry.sockets)) === entry.sockets) await this.set(entry.viewer, 'online');
      }
    }
    for (const userId of await cluster.reapDead()) await this.leave(presenceViewer(userId)).catch((error) => this.services.redis?.reportError(error, 'presence reap'));
  }

  private async leave(viewer: Viewer): Promise<void> {
    await this.set(viewer, 'offline');
    const typing = await deleteTypingOfUser(this.services.db, viewer.userId);
    await stopTyping(this.services, typing);
  }

  private async set(viewer: Viewer, presence: 'online' | 'offline'): Promise<void> {
    await setPresence(createContext(this.services, { viewer, requestId: 'websocket', ip: null }), viewer.userId, presence);
  }
}

/** The user, as themselves, for presence changes made on behalf of a socket of a dead instance. */
function presenceViewer(userId: number): Viewer {
  return viewerOf({ user_id: userId, role_id: 0 }, 'websocket', {});
}
