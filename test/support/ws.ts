import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Topic } from '../../src/graphql/pubsub';
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

/** The text of a marker message: streams count it apart from real events (see `probeMessage`). */
export const PROBE = '__probe__';

/** A subscription's results; `errors` holds what graphql-ws delivered as the operation's `error`, `probes` the markers. */
export interface Stream {
  events: any[];
  errors: any[];
  probes: number;
  completed: boolean;
  /** Completes the subscription from the client's side. */
  stop: () => void;
}

/** Subscribes and gathers what arrives; marker messages and typing markers (user 0) are counted in `probes`. */
export function collect(client: Client, query: string, variables: Record<string, unknown> = {}): Stream {
  const stream: Stream = { events: [], errors: [], probes: 0, completed: false, stop: () => undefined };
  stream.stop = client.subscribe<Record<string, any>>(
    { query, variables },
    {
      next: (result) => {
        const value = result.data ? Object.values(result.data)[0] : undefined;
        if (value?.text === PROBE || value?.userId === 0) stream.probes++;
        else stream.events.push(result.errors ? result : result.data);
      },
      error: (error) => stream.errors.push(error),
      complete: () => (stream.completed = true),
    },
  );
  return stream;
}

/** A marker message of the chat addressed to `userIds`, published straight on `gw`'s pubsub (with Redis, to every instance). */
export function probeMessage(gw: TestGateway, userIds: number[], chatId: number): void {
  const message = {
    id: 0,
    chat_id: chatId,
    sender_id: 0,
    body: PROBE,
    media_url: null,
    media_type: null,
    reply_to_id: null,
    hash_id: null,
    created_at: new Date().toISOString(),
    edited_at: null,
    deleted_at: null,
  };
  gw.app.gateway.services.pubsub.publish(Topic.MessageAdded, { chatId, userIds, message });
}

/** A socket that is open, and the close code once it closed. */
export interface Socket {
  client: Client;
  closedWith: number | null;
}

/** Opens a socket of `token` and resolves once the server accepted it. */
export async function openSocket(gw: TestGateway, token: string): Promise<Socket> {
  const socket: Socket = { client: null as unknown as Client, closedWith: null };
  socket.client = wsClient(gw, { Authorization: `Bearer ${token}` }, { lazy: false, onClose: (code) => (socket.closedWith ??= code) });
  await new Promise<void>((resolve) => socket.client.on('connected', () => resolve()));
  return socket;
}

/** One query or mutation over the socket: its result, or `{ refused }` with the errors of an `error` message. */
export function runOver(client: Client, query: string, variables: Record<string, unknown> = {}, extensions?: Record<string, unknown>): Promise<any> {
  return new Promise((resolve) => {
    let result: unknown;
    client.subscribe(
      { query, variables, ...(extensions ? { extensions } : {}) },
      {
        next: (value) => (result = value),
        error: (error) => resolve({ refused: error }),
        complete: () => resolve(result),
      },
    );
  });
}
