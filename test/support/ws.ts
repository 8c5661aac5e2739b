import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestGateway } from './gateway';

/** Every client `wsClient` made, with its gateway, until `disposeClients` disposes it. */
const open: { gw: TestGateway; client: Client }[] = [];

/**
 * A graphql-ws client of the gateway's /graphql that never retries; it connects on its first subscription
 * unless `lazy` is false, and `onClose` gets the close code. `disposeClients` or `closeGateway` disposes it.
 */
export function wsClient(gw: TestGateway, connectionParams: Record<string, unknown>, options: { lazy?: boolean; onClose?: (code: number) => void } = {}): Client {
  const client = createClient({
    url: gw.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: options.lazy ?? true,
    retryAttempts: 0,
    on: { closed: (event) => options.onClose?.((event as { code: number }).code) },
  });
  open.push({ gw, client });
  return client;
}

/** Disposes the clients `wsClient` made for `gw`, or all of them. */
export async function disposeClients(gw?: TestGateway): Promise<void> {
  for (const entry of open.filter((e) => gw === undefined || e.gw === gw)) {
    open.splice(open.indexOf(entry), 1);
    await entry.client.dispose();
  }
}

/** Disposes the gateway's clients, then closes it (it does not close while a socket is open). */
export async function closeGateway(gw: TestGateway): Promise<void> {
  await disposeClients(gw);
  await gw.close();
}
