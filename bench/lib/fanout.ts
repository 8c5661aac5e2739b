import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { median } from './http-load';

/** Latency figures of one fan-out run, publish (just before the send request) to receipt. */
export interface FanoutFigures {
  messages: number;
  receipts: number;
  /** Receipts that should have arrived and did not. */
  missing: number;
  p50: number;
  p99: number;
}

/** A set of subscribers that record when each tagged message reaches each of them. */
export interface Subscribers {
  count: number;
  /** Called by a subscriber with the text it received. */
  received(text: string): void;
  close(): Promise<void>;
}

type Receipts = { sentAt: Map<string, number>; latencies: number[]; seen: Map<string, number> };

function receiver(state: Receipts) {
  return (text: string) => {
    const sent = state.sentAt.get(text);
    state.seen.set(text, (state.seen.get(text) ?? 0) + 1);
    if (sent !== undefined) state.latencies.push(performance.now() - sent);
  };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Opens `tokens.length` graphql-ws clients, each subscribed to one chat's messages (`chatId`: its global id). */
export async function graphqlSubscribers(wsUrl: string, tokens: string[], query: string, chatId: string, onText: (text: string) => void): Promise<Client[]> {
  const clients: Client[] = [];
  for (const token of tokens) {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { token }, lazy: false, retryAttempts: 0 });
    client.subscribe<{ messageAdded: { text: string } }>(
      { query, variables: { chatId } },
      {
        next: (result) => {
          if (result.data) onText(result.data.messageAdded.text);
        },
        error: (error) => console.error('subscriber error', error),
        complete: () => undefined,
      },
    );
    clients.push(client);
  }
  return clients;
}

/** Opens `count` plain WebSocket clients of the raw broadcaster. */
export async function rawSubscribers(wsUrl: string, count: number, onText: (text: string) => void): Promise<WebSocket[]> {
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(wsUrl);
          socket.on('message', (data) => onText(JSON.parse(data.toString()).payload.data.messageAdded.text));
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  return sockets;
}

/** A subscriber group and the routing of received texts to the current run's receipts. */
export class FanoutSide {
  private state: Receipts = { sentAt: new Map(), latencies: [], seen: new Map() };
  readonly onText = (text: string) => receiver(this.state)(text);

  constructor(
    readonly name: string,
    readonly subscribers: number,
    private readonly send: (text: string) => Promise<void>,
  ) {}

  /** Sends probe messages until every subscriber has one: graphql-ws does not confirm a subscription. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let probe = 0; ; probe++) {
      const text = `${this.name}-probe-${probe}-${Date.now()}`;
      this.state = { sentAt: new Map([[text, performance.now()]]), latencies: [], seen: new Map() };
      await this.send(text);
      const waitUntil = Date.now() + 2000;
      while (Date.now() < waitUntil && (this.state.seen.get(text) ?? 0) < this.subscribers) await sleep(20);
      if ((this.state.seen.get(text) ?? 0) >= this.subscribers) return;
      if (Date.now() > deadline) throw new Error(`${this.name}: only ${this.state.seen.get(text) ?? 0} of ${this.subscribers} subscribers are receiving`);
    }
  }

  /** Sends `perSecond` messages a second for `seconds`, then waits for stragglers. */
  async run(seconds: number, perSecond: number): Promise<FanoutFigures> {
    this.state = { sentAt: new Map(), latencies: [], seen: new Map() };
    const total = Math.round(seconds * perSecond);
    const sends: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const text = `${this.name}-${i}-${Math.random().toString(36).slice(2, 8)}`;
      this.state.sentAt.set(text, performance.now());
      sends.push(this.send(text));
    }
    await Promise.all(sends);
    const expected = total * this.subscribers;
    const deadline = Date.now() + 5000;
    while (this.state.latencies.length < expected && Date.now() < deadline) await sleep(20);
    const latencies = this.state.latencies;
    return { messages: total, receipts: latencies.length, missing: expected - latencies.length, p50: median(latencies), p99: percentile(latencies, 99) };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
