import type { Viewer } from '../../auth/viewer';
import { createContext, type Services } from '../../graphql/context';
import { Topic } from '../../graphql/pubsub';
import { setPresence } from '../users/auth.service';
import { participantUserIds } from './chat.repository';

/** Ends "typing…" rows and tells each chat's participants. */
async function stopTyping(services: Services, rows: { chat_id: number; user_id: number }[]): Promise<void> {
  for (const row of rows) {
    const userIds = await participantUserIds(services.db, row.chat_id);
    services.pubsub.publish(Topic.TypingChanged, { chatId: row.chat_id, userId: row.user_id, typing: false, expiresAt: null, userIds });
  }
}

/** Removes lapsed "typing…" rows and publishes typing: false for each. */
export async function expireTyping(services: Services, now = new Date()): Promise<number> {
  const expired = await services.db.deleteFrom('chat_typing').where('expires_at', '<=', now.toISOString()).returning(['chat_id', 'user_id']).execute();
  await stopTyping(services, expired);
  return expired.length;
}

/**
 * Sweeps lapsed "typing…" every `intervalMs`, so a client that went away without sending "stopped"
 * does not stay typing. Returns the function that stops the sweeper, once a sweep in flight ends.
 */
export function startTypingSweeper(services: Services, onError: (error: unknown) => void, intervalMs = 1000): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = expireTyping(services)
      .then(() => undefined, onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Presence from live sockets: a user's first open socket sets them online; when their last one
 * closes they go offline (last seen now) and stop typing everywhere. `closeAll` does that for every
 * user still connected, for shutdown; sockets that close after it change nothing.
 */
export class SocketPresence {
  private readonly open = new Map<number, { viewer: Viewer; sockets: number }>();
  private closed = false;

  constructor(private readonly services: Services) {}

  async connected(viewer: Viewer): Promise<void> {
    if (this.closed) return;
    const entry = this.open.get(viewer.userId) ?? { viewer, sockets: 0 };
    entry.sockets += 1;
    this.open.set(viewer.userId, entry);
    if (entry.sockets === 1) await this.set(viewer, 'online');
  }

  async disconnected(viewer: Viewer): Promise<void> {
    const entry = this.open.get(viewer.userId);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets > 0) return;
    this.open.delete(viewer.userId);
    await this.leave(viewer);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const leaving = [...this.open.values()].map((entry) => entry.viewer);
    this.open.clear();
    for (const viewer of leaving) await this.leave(viewer);
  }

  private async leave(viewer: Viewer): Promise<void> {
    await this.set(viewer, 'offline');
    const typing = await this.services.db.deleteFrom('chat_typing').where('user_id', '=', viewer.userId).returning(['chat_id', 'user_id']).execute();
    await stopTyping(this.services, typing);
  }

  private async set(viewer: Viewer, presence: 'online' | 'offline'): Promise<void> {
    await setPresence(createContext(this.services, { viewer, requestId: 'websocket', ip: null }), viewer.userId, presence);
  }
}
