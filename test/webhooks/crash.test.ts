import Sqlite from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ChildGateway, startChildGateway } from '../support/child';
import { ADMIN_API_KEY, ADMIN_PASSWORD, SERVER_KEY } from '../support/gateway';
import { newSecret, type Received, sleep, startReceiver, waitFor } from './receiver';

const EVENTS = 1000;
const BATCH = 100;

/** The gateway as a child process on the SQLite `file`, dispatching webhooks quickly. */
function start(file: string): ChildGateway {
  return startChildGateway({
    DATABASE_URL: `sqlite:${file}`,
    SEED_DEMO: '0',
    ADMIN_PASSWORD,
    ADMIN_API_KEY,
    SERVER_KEY,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
    WEBHOOK_DELAY_SCALE: '0.01',
    WEBHOOK_CONCURRENCY: '8',
    // The load is 100 aliased mutations a document, past the default alias and root-field caps.
    QUERY_MAX_ALIASES: '100',
    QUERY_MAX_ROOT_FIELDS: '100',
  });
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-crash-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test(`SIGKILL while ${EVENTS} deliveries are in flight loses none: a restart delivers the rest`, async () => {
  const file = path.join(dir, 'gateway.db');
  const secret = newSecret();
  const receiver = await startReceiver(secret, () => ({ status: 200 }));
  let first: ReturnType<typeof start> | null = null;
  let second: ReturnType<typeof start> | null = null;
  try {
    first = start(file);
    const url = await first.ready;
    const sqlite = new Sqlite(file);
    sqlite.pragma('busy_timeout = 5000');
    const now = new Date().toISOString();
    const admin = sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number };
    sqlite
      .prepare('INSERT INTO webhook_subscriptions (user_id, target_url, events, secret, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)')
      .run(admin.id, receiver.url, JSON.stringify(['member.joined']), secret, now, now);

    const login = await gql(url, 'mutation($p: String!) { login(input: { login: "admin", password: $p }) { token } }', { p: ADMIN_PASSWORD });
    const token = login.data.login.token as string;
    const t0 = Date.now();
    for (let batch = 0; batch < EVENTS / BATCH; batch += 1) {
      const fields = Array.from({ length: BATCH }, (_, i) => {
        const n = batch * BATCH + i;
        return `u${n}: createUser(input: { username: "crash${n}", email: "crash${n}@example.com" }) { id }`;
      });
      const made = await gql(url, `mutation { ${fields.join('\n')} }`, {}, token);
      expect(made.errors).toBeUndefined();
    }
    const createdMs = Date.now() - t0;
    await waitFor(() => receiver.received.length >= 100, 10000, 'first deliveries');
    const beforeKill = receiver.received.length;
    first.child.kill('SIGKILL');
    await first.exited;
    first = null;
    const delivered = (sqlite.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'delivered'").get() as { n: number }).n;
    expect(delivered).toBeLessThan(EVENTS); // some were still to do, or in flight, when it died

    const t1 = Date.now();
    second = start(file);
    await second.ready;
    const restartMs = Date.now() - t1;
    const eventIds = (sqlite.prepare("SELECT id FROM webhook_events WHERE event = 'member.joined'").all() as { id: number }[]).map((row) => row.id);
    expect(eventIds).toHaveLength(EVENTS);
    const seen = () => new Set(receiver.verified().map((r: Received) => r.payload.job_id as number));
    await waitFor(() => seen().size >= EVENTS, 20000, 'every event delivered');
    const drainedMs = Date.now() - t1 - restartMs;
    await sleep(200);
    const got = seen();
    const lost = eventIds.filter((id) => !got.has(id)).length;
    const duplicates = receiver.verified().length - got.size;
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(lost).toBe(0);
    const ids = new Map<number, Set<string>>();
    for (const r of receiver.received) ids.set(r.payload.job_id, (ids.get(r.payload.job_id) ?? new Set()).add(r.id));
    expect([...ids.values()].every((messageIds) => messageIds.size === 1)).toBe(true); // a redelivery keeps its webhook-id
    console.log(
      `crash test: ${EVENTS} events, ${duplicates} duplicates, ${lost} lost (killed after ${beforeKill} received, ${delivered} marked delivered; created in ${createdMs} ms, restart ${restartMs} ms, rest delivered ${drainedMs} ms after)`,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    second = null;
    expect((sqlite.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE status != 'delivered'").get() as { n: number }).n).toBe(0);
    sqlite.close();
  } finally {
    first?.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await receiver.close();
  }
}, 180_000);
