import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** One POST a receiver got: when, its headers and body, and whether its signature verified. */
export interface Received {
  at: number;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: any;
  verified: boolean;
  error: string | null;
}

/** What the receiver answers: a status, headers and body; by default 204. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string };

/** A real node:http webhook receiver on 127.0.0.1 that verifies every POST with `standardwebhooks`. */
export interface Receiver {
  url: string;
  received: Received[];
  /** Deliveries whose signature verified. */
  verified(): Received[];
  close(): Promise<void>;
}

/** A fresh `whsec_` secret of 24 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Starts a receiver holding `secret`; `answer` decides each response (the n-th request, from 0). */
export async function startReceiver(secret: string, answer: (n: number, got: Received) => Answer = () => ({ status: 204 })): Promise<Receiver> {
  const received: Received[] = [];
  const verifier = new Webhook(secret);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      let verified = false;
      let error: string | null = null;
      try {
        verifier.verify(body, headers);
        verified = true;
      } catch (e) {
        error = (e as Error).message;
      }
      let payload: unknown = null;
      try {
        payload = JSON.parse(body);
      } catch {
        // keep null
      }
      const got: Received = { at: Date.now(), id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, payload, verified, error };
      received.push(got);
      const reply = answer(received.length - 1, got);
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    verified: () => received.filter((r) => r.verified),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Db = import('../../src/db/connection').Database;

/** Inserts an active subscription row for the admin (W-B's API is not used here); returns its id. */
export async function addSubscription(db: Db, row: { targetUrl: string; events: string[]; secret: string; previousSecret?: string; previousExpiresAt?: string }): Promise<number> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const made = await db
    .insertInto('webhook_subscriptions')
    .values({
      user_id: admin.id,
      target_url: row.targetUrl,
      events: JSON.stringify(row.events),
      secret: row.secret,
      previous_secret: row.previousSecret ?? null,
      previous_secret_expires_at: row.previousExpiresAt ?? null,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return made.id;
}

/** Deactivates every subscription, so the next test's events reach only its own. */
export async function deactivateAll(db: Db): Promise<void> {
  await db.updateTable('webhook_subscriptions').set({ active: 0 }).execute();
}

export { sleep, waitFor } from '../support/wait';
