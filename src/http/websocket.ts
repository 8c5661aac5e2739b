import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticateToken, bearerToken } from '../auth/authenticate';
import type { Viewer } from '../auth/viewer';
import { SocketPresence } from '../domains/chats/realtime';
import { createContext, type Services } from '../graphql/context';
import { SharedSubscriptions, type SharingMetrics } from '../graphql/shared-subscriptions';

/** The token a `connection_init` payload carries: `Authorization: Bearer …`, `authorization`, or `token`. */
export function tokenFromConnectionParams(params: Record<string, unknown> | undefined): string | null {
  if (!params) return null;
  const header = params.Authorization ?? params.authorization;
  if (typeof header === 'string') return bearerToken(header);
  return typeof params.token === 'string' ? params.token : null;
}

type SocketExtra = {
  viewer?: Viewer;
  ip?: string;
};

/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on the HTTP server's `/graphql`.
 * The socket authenticates once in `connection_init`; a missing or bad token closes it with 4403.
 * An open socket makes its user online; the last one closing makes them offline.
 * Subscribers of one operation share each event's execution (see SharedSubscriptions), counted in `metrics`.
 * Returns a function that marks connected users offline and closes every socket, for shutdown.
 */
export function attachWebSocketServer(app: FastifyInstance, schema: GraphQLSchema, services: Services, metrics: SharingMetrics): () => Promise<void> {
  const sharing = new SharedSubscriptions(metrics);
  const wss = new WebSocketServer({ server: app.server, path: '/graphql' });
  const presence = new SocketPresence(services);
  const report = (error: unknown) => app.log.error({ err: error }, 'socket presence update failed');
  const server = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      subscribe: (args) => sharing.subscribe(args),
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        const viewer = token ? await authenticateToken(services.db, token, 'websocket') : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.ip = ctx.extra.request.socket.remoteAddress ?? undefined;
        await presence.connected(viewer).catch(report);
        return true;
      },
      onDisconnect: async (ctx) => {
        if (ctx.extra.viewer) await presence.disconnected(ctx.extra.viewer).catch(report);
      },
      context: (ctx) => createContext(services, { viewer: ctx.extra.viewer ?? null, requestId: randomUUID(), ip: ctx.extra.ip ?? null }),
    },
    wss,
  );
  return async () => {
    await presence.closeAll().catch(report);
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
