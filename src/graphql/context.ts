import type { Viewer } from '../auth/viewer';
import { stopLoadersOn } from './abort';
import type { Context, Services } from './context.types';
import { createLoaders } from './loaders';

/** Builds a context with fresh loaders; invoked once per HTTP request, shim call or WS operation. */
export function createContext(services: Services, request: { viewer: Viewer | null; requestId: string; ip: string | null; signal?: AbortSignal }): Context {
  const loaders = createLoaders(services.db);
  if (request.signal) stopLoadersOn(loaders, request.signal);
  return { ...services, ...request, signal: request.signal ?? null, loaders };
}

/**
 * A subscription's context lives as long as the subscription. An event whose fields read state
 * that changes between events (unread counts, say) starts with fresh loaders, so it never reads a
 * previous event's cache.
 */
export function freshLoaders(ctx: Context): void {
  ctx.loaders = createLoaders(ctx.db);
}
